package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.Limits;
import org.oidcstore.store.StoreKind;

/** Contract of {@link ConsumedJwtIdStore}. */
@ContractFor(ConsumedJwtIdStore.class)
public abstract class ConsumedJwtIdStoreContract extends StoreContract {

    private ConsumedJwtIdStore jtis() {
        return store.consumedJwtIds();
    }

    private static String jti() {
        return "dpop:" + Samples.id("jkt") + ":" + Samples.secret("jti");
    }

    @Test
    @Covers("mark")
    @Covers("isMarked")
    void aMarkedJwtIdIsMarkedUntilItsExpiry() {
        String jti = jti();
        Instant exp = clock.now().plusSeconds(60);
        assertThat(jtis().isMarked(jti)).isFalse();
        jtis().mark(jti, exp);
        assertThat(jtis().isMarked(jti)).isTrue();
        clock.set(exp.minusMillis(1));
        assertThat(jtis().isMarked(jti)).isTrue();
        clock.set(exp);
        assertThat(jtis().isMarked(jti)).isFalse();
    }

    @Test
    @Covers("mark")
    void markingALiveMarkerAgainIsAReplayWithoutRecord() {
        String jti = jti();
        jtis().mark(jti, clock.now().plusSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> jtis().mark(jti, clock.now().plusSeconds(60)))
                .isInstanceOfSatisfying(AlreadyConsumedException.class, e -> {
                    assertThat(e.record()).isEmpty();
                    assertThat(e.getMessage()).doesNotContain(jti);
                });
    }

    @Test
    @Covers("mark")
    void anExpiredMarkerIsReplaced() {
        String jti = jti();
        jtis().mark(jti, clock.now().plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        jtis().mark(jti, clock.now().plusSeconds(30));
        assertThat(jtis().isMarked(jti)).isTrue();
        assertThatThrownBy(() -> jtis().mark(jti, clock.now().plusSeconds(30)))
                .isInstanceOf(AlreadyConsumedException.class);
    }

    @Test
    @Covers("mark")
    void aMarkThatWouldBeBornExpiredIsRefused() {
        String jti = jti();
        assertThatThrownBy(() -> jtis().mark(jti, clock.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jtis().mark(jti, clock.now().minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(jtis().isMarked(jti)).isFalse();
    }

    @Test
    @Covers("mark")
    @Covers("isMarked")
    void namespacedIdsAreIndependent() {
        String raw = Samples.secret("jti");
        jtis().mark("dpop:key-a:" + raw, clock.now().plusSeconds(60));
        assertThat(jtis().isMarked("dpop:key-b:" + raw)).isFalse();
        assertThat(jtis().isMarked(raw)).isFalse();
        jtis().mark("client-assertion:rp:" + raw, clock.now().plusSeconds(60));
        assertThat(jtis().isMarked("client-assertion:rp:" + raw)).isTrue();
    }

    @Test
    @Covers("mark")
    @Covers("isMarked")
    void onlyTheDigestIsStoredAndTheDigestIsNotTheId() {
        String jti = jti();
        jtis().mark(jti, clock.now().plusSeconds(60));
        Hashing.assertOnlyDigestStored(fixture, StoreKind.CONSUMED_JWT_IDS, jti);
        String digest = fixture.digest().digest(StoreKind.CONSUMED_JWT_IDS, jti);
        assertThat(jtis().isMarked(digest)).isFalse();
    }

    @Test
    @Covers(value = "mark", race = true)
    void concurrentMarksOfOneIdHaveExactlyOneWinner() {
        Race.<Boolean>rounds(round -> {
            String jti = jti();
            Instant exp = clock.now().plusSeconds(120);
            return i -> () -> {
                jtis().mark(jti, exp);
                return true;
            };
        }, (round, outcomes) -> Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class));
    }

    @Test
    @Covers(value = "mark", race = true)
    void concurrentMarksReplacingOneExpiredMarkerHaveExactlyOneWinner() {
        Race.<Boolean>rounds(round -> {
            String jti = jti();
            jtis().mark(jti, clock.now().plusSeconds(1));
            clock.advance(Duration.ofSeconds(1));
            Instant exp = clock.now().plusSeconds(120);
            return i -> () -> {
                jtis().mark(jti, exp);
                return true;
            };
        }, (round, outcomes) -> Race.assertOneWinner(round, outcomes, AlreadyConsumedException.class));
    }

    @Test
    @Covers("mark")
    @Covers("isMarked")
    void aMarkExpiringAfterTheLatestInstantIsRefusedAndLeavesNoMarker() {
        String jti = jti();
        for (Instant bad : List.of(Instant.MAX, Limits.MAX_INSTANT.plusNanos(1_000))) {
            Evidence.assertWritesNothing(fixture, "mark until " + bad, () -> assertThatThrownBy(
                    () -> jtis().mark(jti, bad)).isInstanceOf(IllegalArgumentException.class));
        }
        assertThat(jtis().isMarked(jti)).isFalse();
        jtis().mark(jti, clock.now().plusSeconds(60)); // not a replay: nothing was stored
        assertThat(jtis().isMarked(jti)).isTrue();
    }

    @Test
    @Covers("mark")
    void aMarkUntilTheLatestInstantIsKept() {
        String jti = jti();
        jtis().mark(jti, Limits.MAX_INSTANT);
        clock.advance(Duration.ofDays(3650));
        assertThat(jtis().isMarked(jti)).isTrue();
        assertThatThrownBy(() -> jtis().mark(jti, Limits.MAX_INSTANT)).isInstanceOf(AlreadyConsumedException.class);
    }

    /**
     * A node whose clock lags by less than the skew allowance must still see a marker that, by the
     * clock of the node that reclaims, expired a moment ago.
     */
    @Test
    @Covers("isMarked")
    @Covers("mark")
    void aMarkerOutlivesItsExpiryByTheClockSkewAllowanceWhateverTheSweep() {
        Duration skew = fixture.jwtIdClockSkew();
        assertThat(skew).as("the fixture's configured skew allowance (default 60 s)").isPositive();
        String jti = jti();
        Instant exp = clock.now().plusSeconds(30);
        jtis().mark(jti, exp);
        clock.set(exp.plus(skew.dividedBy(2))); // expired, less than the allowance ago
        fixture.sweepExpired();
        clock.set(exp.minusSeconds(1)); // a node whose clock lags
        assertThat(jtis().isMarked(jti)).isTrue();
        assertThatThrownBy(() -> jtis().mark(jti, exp.plusSeconds(60))).isInstanceOf(AlreadyConsumedException.class);
    }
}
