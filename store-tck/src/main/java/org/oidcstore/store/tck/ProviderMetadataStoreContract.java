package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Limits;
import org.oidcstore.store.ProviderMetadataStore;

/**
 * Contract of {@link ProviderMetadataStore}: an exact key/value map whose {@code set} is an
 * idempotent replace and whose {@code compareAndSet} has exactly one winner.
 */
@ContractFor(ProviderMetadataStore.class)
public abstract class ProviderMetadataStoreContract extends StoreContract {

    private ProviderMetadataStore meta() {
        return store.providerMetadata();
    }

    @Test
    @Covers("get")
    @Covers("set")
    void setReplacesAndIsIdempotent() {
        String key = Samples.id("subject-type");
        assertThat(meta().get(key)).isEmpty();
        meta().set(key, "public");
        assertThat(meta().get(key)).contains("public");
        meta().set(key, "public");
        assertThat(meta().get(key)).contains("public");
        meta().set(key, "pairwise");
        assertThat(meta().get(key)).contains("pairwise");
        assertThat(meta().get(Samples.id("subject-type"))).isEmpty();
    }

    @Test
    @Covers("get")
    @Covers("set")
    void valuesReadBackExactly() {
        List<String> values = List.of("", "a", "a ", " a", "A", "\u00e9", "e\u0301", "\uD83D\uDE00 \"quoted\"\n\t",
                Caps.text('v'));
        for (String v : values) {
            String key = Samples.id("k");
            meta().set(key, v);
            assertThat(meta().get(key)).as("value of %d characters", v.length()).contains(v);
        }
        String key = Caps.id("key-");
        meta().set(key, "at the caps");
        assertThat(meta().get(key)).contains("at the caps");
    }

    @Test
    @Covers("set")
    @Covers("get")
    @Covers("compareAndSet")
    void badKeysAndValuesAreRefusedAndWriteNothing() {
        String key = Samples.id("k");
        meta().set(key, "kept");
        for (BadId bad : BadId.all().toList()) {
            Evidence.assertWritesNothing(fixture, "set with the " + bad + " key", () -> assertThatThrownBy(
                    () -> meta().set(bad.value(), "v")).isInstanceOf(IllegalArgumentException.class));
            assertThat(meta().get(bad.value())).as("get with the %s key", bad).isEmpty();
        }
        String tooLong = "x".repeat(Limits.MAX_TEXT_LENGTH + 1);
        for (String v : List.of(tooLong, "nul\0", "lone\uD800")) {
            Evidence.assertWritesNothing(fixture, "a bad value", () -> {
                assertThatThrownBy(() -> meta().set(key, v)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> meta().compareAndSet(key, "kept", v))
                        .isInstanceOf(IllegalArgumentException.class);
            });
        }
        assertThatThrownBy(() -> meta().set(key, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> meta().compareAndSet(key, "kept", null)).isInstanceOf(NullPointerException.class);
        assertThat(meta().get(key)).contains("kept");
    }

    @Test
    @Covers("compareAndSet")
    void compareAndSetWritesOnlyOverTheExpectedValue() {
        String key = Samples.id("k");
        assertThat(meta().compareAndSet(key, "nothing", "v1")).as("expected a value, the key is absent").isFalse();
        assertThat(meta().get(key)).isEmpty();
        assertThat(meta().compareAndSet(key, null, "v1")).as("write once").isTrue();
        assertThat(meta().compareAndSet(key, null, "v2")).as("write once, again").isFalse();
        assertThat(meta().get(key)).contains("v1");
        assertThat(meta().compareAndSet(key, "v1 ", "v2")).as("not exactly the stored value").isFalse();
        assertThat(meta().compareAndSet(key, "V1", "v2")).as("not exactly the stored value").isFalse();
        assertThat(meta().get(key)).contains("v1");
        assertThat(meta().compareAndSet(key, "v1", "v2")).isTrue();
        assertThat(meta().get(key)).contains("v2");
        assertThat(meta().compareAndSet(key, "v1", "v3")).as("stale").isFalse();
        assertThat(meta().compareAndSet(key, "v2", "v2")).as("to the same value").isTrue();
        assertThat(meta().get(key)).contains("v2");
        for (BadId bad : BadId.all().toList()) {
            assertThat(meta().compareAndSet(bad.value(), "v2", "v3")).as("the %s key is never stored", bad).isFalse();
        }
        assertThatThrownBy(() -> meta().compareAndSet(BadId.all().toList().get(0).value(), null, "v"))
                .as("creating a key that could never be stored").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Covers(value = "compareAndSet", race = true)
    void ofConcurrentWriteOnceCallsExactlyOneWins() {
        String[] key = new String[1];
        Race.<Boolean>rounds(round -> {
            key[0] = Samples.id("once");
            return i -> () -> meta().compareAndSet(key[0], null, "writer-" + i);
        }, (round, outcomes) -> assertExactlyOneTrue(round, outcomes, key[0]));
    }

    @Test
    @Covers(value = "compareAndSet", race = true)
    void ofConcurrentSwapsFromOneValueExactlyOneWins() {
        String[] key = new String[1];
        Race.<Boolean>rounds(round -> {
            key[0] = Samples.id("swap");
            meta().set(key[0], "start");
            return i -> () -> meta().compareAndSet(key[0], "start", "writer-" + i);
        }, (round, outcomes) -> assertExactlyOneTrue(round, outcomes, key[0]));
    }

    private void assertExactlyOneTrue(int round, List<Race.Outcome<Boolean>> outcomes, String key) {
        assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Race.Outcome::error).toList())
                .as("round %d: no call fails", round).isEmpty();
        List<Integer> winners = new java.util.ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).value()) {
                winners.add(i);
            }
        }
        assertThat(winners).as("round %d: writers that won", round).hasSize(1);
        assertThat(meta().get(key)).as("round %d: the winner's value", round).contains("writer-" + winners.get(0));
    }
}
