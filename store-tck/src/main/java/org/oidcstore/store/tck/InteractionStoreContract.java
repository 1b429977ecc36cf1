package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;

/** Contract of {@link InteractionStore} and its extension {@link InteractionCompareAndSwap}. */
@ContractFor({InteractionStore.class, InteractionCompareAndSwap.class})
public abstract class InteractionStoreContract extends StoreContract {

    private InteractionStore interactions() {
        return store.interactions();
    }

    private InteractionCompareAndSwap cas() {
        return store.interactionCompareAndSwap().orElseThrow(() -> new AssertionError(
                "interactionCompareAndSwap() is empty"));
    }

    @Test
    @Covers(value = "save", type = InteractionStore.class)
    @Covers(value = "find", type = InteractionStore.class)
    void theRawStateRoundTripsByteForByte() {
        Interaction i = samples.interaction(Samples.binaryState(1));
        interactions().save(i);
        Interaction read = interactions().find(i.interactionId()).orElseThrow();
        assertThat(read.state()).containsExactly(Samples.binaryState(1));
        assertThat(read).isEqualTo(i);
        Interaction empty = samples.interaction(new byte[0]);
        interactions().save(empty);
        assertThat(interactions().find(empty.interactionId())).contains(empty);
        assertThat(interactions().find("no-such-interaction")).isEmpty();
    }

    @Test
    @Covers(value = "save", type = InteractionStore.class)
    void saveReplaces() {
        Interaction i = samples.interaction(Samples.binaryState(1));
        interactions().save(i);
        Interaction next = new Interaction(i.interactionId(), Samples.binaryState(2), i.createdAt(), i.expiresAt());
        interactions().save(next);
        assertThat(interactions().find(i.interactionId())).contains(next);
    }

    @Test
    @Covers(value = "find", type = InteractionStore.class)
    void anInteractionIsExpiredAtItsExpiryInstant() {
        Interaction i = samples.interaction(Samples.binaryState(1));
        interactions().save(i);
        clock.set(i.expiresAt().minusMillis(1));
        assertThat(interactions().find(i.interactionId())).isPresent();
        clock.set(i.expiresAt());
        assertThat(interactions().find(i.interactionId())).isEmpty();
    }

    @Test
    @Covers(value = "delete", type = InteractionStore.class)
    void deleteIsIdempotent() {
        Interaction i = samples.interaction(Samples.binaryState(1));
        interactions().save(i);
        assertThat(interactions().delete(i.interactionId())).isTrue();
        assertThat(interactions().delete(i.interactionId())).isFalse();
        assertThat(interactions().find(i.interactionId())).isEmpty();
    }

    @Test
    @Covers("compareAndSwap")
    void compareAndSwapReplacesOnlyTheExpectedState() {
        Interaction i = samples.interaction(Samples.binaryState(1));
        interactions().save(i);
        Interaction next = new Interaction(i.interactionId(), Samples.binaryState(2), i.createdAt(),
                i.expiresAt().plusSeconds(60));
        cas().compareAndSwap(Samples.binaryState(1), next);
        assertThat(interactions().find(i.interactionId())).contains(next);

        Interaction third = new Interaction(i.interactionId(), Samples.binaryState(3), i.createdAt(), i.expiresAt());
        assertThatThrownBy(() -> cas().compareAndSwap(Samples.binaryState(1), third))
                .isInstanceOf(ConflictException.class);
        byte[] almost = Samples.binaryState(2);
        almost[almost.length - 1] ^= 1;
        assertThatThrownBy(() -> cas().compareAndSwap(almost, third)).as("one bit differs")
                .isInstanceOf(ConflictException.class);
        assertThat(interactions().find(i.interactionId())).contains(next);
    }

    @Test
    @Covers("compareAndSwap")
    void compareAndSwapOfAnAbsentOrExpiredInteractionConflicts() {
        Interaction ghost = samples.interaction(Samples.binaryState(1));
        assertThatThrownBy(() -> cas().compareAndSwap(Samples.binaryState(1), ghost))
                .isInstanceOf(ConflictException.class);
        assertThat(interactions().find(ghost.interactionId())).as("CAS never creates").isEmpty();

        Interaction i = samples.interaction(Samples.binaryState(1));
        interactions().save(i);
        clock.set(i.expiresAt());
        Interaction next = new Interaction(i.interactionId(), Samples.binaryState(2), clock.now(),
                clock.now().plusSeconds(60));
        assertThatThrownBy(() -> cas().compareAndSwap(Samples.binaryState(1), next))
                .isInstanceOf(ConflictException.class);
        assertThat(interactions().find(i.interactionId())).isEmpty();
    }

    @Test
    @Covers("deleteIfUnchanged")
    void deleteIfUnchangedDeletesOnlyTheExpectedState() {
        Interaction i = samples.interaction(Samples.binaryState(1));
        interactions().save(i);
        assertThatThrownBy(() -> cas().deleteIfUnchanged(i.interactionId(), Samples.binaryState(9)))
                .isInstanceOf(ConflictException.class);
        assertThat(interactions().find(i.interactionId())).contains(i);
        cas().deleteIfUnchanged(i.interactionId(), Samples.binaryState(1));
        assertThat(interactions().find(i.interactionId())).isEmpty();
        assertThatThrownBy(() -> cas().deleteIfUnchanged(i.interactionId(), Samples.binaryState(1)))
                .as("absent").isInstanceOf(ConflictException.class);
    }

    @Test
    @Covers(value = "compareAndSwap", race = true)
    void concurrentSwapsFromOneStateHaveExactlyOneWinner() {
        String[] id = new String[1];
        Race.<Integer>rounds(round -> {
            Interaction i = samples.interaction(Samples.binaryState(round));
            interactions().save(i);
            id[0] = i.interactionId();
            return t -> () -> {
                cas().compareAndSwap(Samples.binaryState(round),
                        new Interaction(i.interactionId(), Samples.binaryState(1000 + t), i.createdAt(), i.expiresAt()));
                return t;
            };
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, ConflictException.class);
            int winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
            assertThat(interactions().find(id[0]).orElseThrow().state())
                    .as("round %d: the stored state is the winner's", round)
                    .containsExactly(Samples.binaryState(1000 + winner));
        });
    }

    @Test
    @Covers(value = "deleteIfUnchanged", race = true)
    void concurrentDeletesIfUnchangedHaveExactlyOneWinner() {
        Race.<Boolean>rounds(round -> {
            Interaction i = samples.interaction(Samples.binaryState(round));
            interactions().save(i);
            return t -> () -> {
                cas().deleteIfUnchanged(i.interactionId(), Samples.binaryState(round));
                return true;
            };
        }, (round, outcomes) -> Race.assertOneWinner(round, outcomes, ConflictException.class));
    }

    /** An interaction holding {@code state} that is expired by the store clock, as {@code how} says. */
    private Interaction expired(byte[] state, HowExpired how) {
        if (how == HowExpired.SAVED_EXPIRED) {
            Instant created = clock.now().minus(HowExpired.AGE);
            Interaction i = new Interaction(Samples.id("ia"), state, created, clock.now().minus(HowExpired.EXPIRED_FOR));
            interactions().save(i);
            return i;
        }
        Interaction i = samples.interaction(state);
        interactions().save(i);
        clock.set(i.expiresAt());
        return i;
    }

    @ParameterizedTest
    @EnumSource(HowExpired.class)
    @Covers(value = "delete", type = InteractionStore.class)
    void deletingAnExpiredInteractionAnswersFalseAsForAnAbsentOne(HowExpired how) {
        Interaction i = expired(Samples.binaryState(1), how);
        assertThat(interactions().delete(i.interactionId())).as("an expired interaction is absent").isFalse();
        assertThat(interactions().find(i.interactionId())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(HowExpired.class)
    @Covers("compareAndSwap")
    @Covers("deleteIfUnchanged")
    void swappingOrFinishingAnExpiredInteractionConflictsAsForAnAbsentOne(HowExpired how) {
        Interaction i = expired(Samples.binaryState(1), how);
        Interaction next = new Interaction(i.interactionId(), Samples.binaryState(2), clock.now(),
                clock.now().plusSeconds(600));
        assertThatThrownBy(() -> cas().compareAndSwap(Samples.binaryState(1), next))
                .isInstanceOf(ConflictException.class);
        assertThat(interactions().find(i.interactionId())).as("CAS never resurrects").isEmpty();
        assertThatThrownBy(() -> cas().deleteIfUnchanged(i.interactionId(), Samples.binaryState(1)))
                .isInstanceOf(ConflictException.class);
        assertThat(interactions().find(i.interactionId())).isEmpty();
    }
}
