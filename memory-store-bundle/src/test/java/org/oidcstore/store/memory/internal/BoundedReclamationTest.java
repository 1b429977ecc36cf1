package org.oidcstore.store.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.Samples;

/**
 * Whatever the write pattern, the memory tier keeps at most one reclamation node per key beside
 * its map, so what it holds is bounded by its capacity; and moving an expiry in either direction
 * never delays the reclamation of an entry past its current expiry. Under concurrent writers:
 * {@link ConcurrentReclamationTest}.
 */
class BoundedReclamationTest extends ReclamationFixture {
    @Test
    void millionsOfTouchesOfAFewSessionsKeepOnePendingNodePerSession() {
        MemoryAggregate store = store(1_000);
        SessionStore sessions = store.sessions();
        List<String> sids = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Session s = session("g", EIGHT_HOURS);
            sessions.save(s);
            sids.add(s.sessionId());
        }
        int mostPending = 0;
        for (int i = 0; i < 1_500_000; i++) {
            clock.advance(Duration.ofMillis(1)); // 25 simulated minutes: nothing expires
            if (!sessions.touch(sids.get(i % 3), clock.now().plus(EIGHT_HOURS))) {
                throw new AssertionError("touch " + i + " found no session");
            }
            if (i % 10_000 == 0) {
                mostPending = Math.max(mostPending, store.pendingNodes(StoreKind.SESSIONS));
            }
        }
        assertThat(mostPending).as("most reclamation nodes held during the touches").isLessThanOrEqualTo(3);
        assertThat(store.pendingNodes(StoreKind.SESSIONS)).isLessThanOrEqualTo(3);
        for (String sid : sids) {
            assertThat(sessions.find(sid)).get().extracting(Session::expiresAt)
                    .satisfies(e -> assertThat(e).isAfter(clock.now().plus(EIGHT_HOURS).minusSeconds(1)));
        }
    }

    @Test
    void millionsOfCompareAndSwapsOfAFewInteractionsKeepOnePendingNodePerInteraction() {
        MemoryAggregate store = store(1_000);
        InteractionCompareAndSwap interactions = (InteractionCompareAndSwap) store.interactions();
        List<Interaction> current = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Interaction i = samples.interaction(Samples.binaryState(k));
            interactions.save(i);
            current.add(i);
        }
        int mostPending = 0;
        for (int i = 0; i < 1_000_000; i++) {
            clock.advance(Duration.ofMillis(1));
            Interaction before = current.get(i % 2);
            Interaction next = new Interaction(before.interactionId(), Samples.binaryState(i + 2), before.createdAt(),
                    clock.now().plus(Duration.ofMinutes(30)));
            interactions.compareAndSwap(before.state(), next);
            current.set(i % 2, next);
            if (i % 10_000 == 0) {
                mostPending = Math.max(mostPending, store.pendingNodes(StoreKind.INTERACTIONS));
            }
        }
        assertThat(mostPending).isLessThanOrEqualTo(2);
        assertThat(store.pendingNodes(StoreKind.INTERACTIONS)).isLessThanOrEqualTo(2);
        for (Interaction i : current) {
            assertThat(interactions.find(i.interactionId())).get().satisfies(f -> assertThat(f.stateEquals(i.state()))
                    .isTrue());
        }
    }

    /** Lengthening and shortening in turn: each shortening must not leave a node at the old second. */
    @Test
    void replacingSavesThatShortenAndLengthenTheExpiryKeepOnePendingNodePerKey() {
        MemoryAggregate store = store(1_000);
        SessionStore sessions = store.sessions();
        Duration[] lives = {EIGHT_HOURS, Duration.ofMinutes(1), Duration.ofHours(2), Duration.ofSeconds(30),
                Duration.ofHours(5), Duration.ofMinutes(7)};
        List<Session> keys = List.of(session("a", EIGHT_HOURS), session("b", EIGHT_HOURS), session("c", EIGHT_HOURS));
        int mostPending = 0;
        for (int i = 0; i < 600_000; i++) {
            clock.advance(Duration.ofMillis(1));
            Session s = keys.get(i % 3);
            sessions.save(s.toBuilder().expiresAt(clock.now().plus(lives[(i / 3) % lives.length])).build());
            if (i % 5_000 == 0) {
                mostPending = Math.max(mostPending, store.pendingNodes(StoreKind.SESSIONS));
            }
        }
        assertThat(mostPending).isLessThanOrEqualTo(3);
        assertThat(store.pendingNodes(StoreKind.SESSIONS)).isLessThanOrEqualTo(3);
        assertThat(sessionsHeld(store)).isEqualTo(3);
    }

    @Test
    void deletingAndRecreatingTheSameKeysLeavesNoNodeBehind() {
        MemoryAggregate store = store(1_000);
        InteractionCompareAndSwap interactions = (InteractionCompareAndSwap) store.interactions();
        SessionStore sessions = store.sessions();
        Interaction interaction = samples.interaction(Samples.binaryState(7));
        Session session = session("g", EIGHT_HOURS);
        int mostPending = 0;
        for (int i = 0; i < 300_000; i++) {
            clock.advance(Duration.ofMillis(1));
            interactions.save(interaction);
            sessions.save(session);
            assertThat(interactions.delete(interaction.interactionId())).isTrue();
            if (i % 2 == 0) {
                assertThat(sessions.delete(session.sessionId())).isTrue();
            }
            if (i % 5_000 == 0) {
                mostPending = Math.max(mostPending, store.pendingNodes(StoreKind.INTERACTIONS)
                        + store.pendingNodes(StoreKind.SESSIONS));
            }
        }
        assertThat(mostPending).isLessThanOrEqualTo(2);
        assertThat(store.pendingNodes(StoreKind.INTERACTIONS)).isZero();
        assertThat(store.pendingNodes(StoreKind.SESSIONS)).isLessThanOrEqualTo(1);
    }

    /** The sweeper alone (no read of the key, no full map) reclaims a session after its shortened expiry. */
    @Test
    void aSessionWhoseExpiryWasShortenedIsReclaimedAtItsNewExpiry() {
        MemoryAggregate store = store(1_000);
        SessionStore sessions = store.sessions();
        Session s = session("shortened-group", EIGHT_HOURS);
        sessions.save(s);
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(10));
            sessions.touch(s.sessionId(), clock.now().plus(EIGHT_HOURS));
        }
        sessions.save(s.toBuilder().expiresAt(clock.now().plusSeconds(10)).build());
        sessions.touch(s.sessionId(), clock.now().plus(Duration.ofHours(1))); // lengthened again
        sessions.save(s.toBuilder().expiresAt(clock.now().plusSeconds(2)).build()); // and shortened again
        Session other = session("other", EIGHT_HOURS);
        sessions.save(other);

        clock.advance(Duration.ofSeconds(3)); // past the end of the second the session expires in
        sessions.touch(other.sessionId(), clock.now().plus(EIGHT_HOURS)); // any write sweeps

        assertThat(sessionsHeld(store)).as("sessions held after the sweep").isEqualTo(1);
        assertThat(store.dump()).noneMatch(line -> line.contains("shortened-group"));
        assertThat(store.pendingNodes(StoreKind.SESSIONS)).isEqualTo(1);
    }

    @Test
    void aFullMapOfTouchedSessionsRefusesWithoutEvictingAndReclaimsShortenedOnesWithinTheSecond() {
        MemoryAggregate store = store(10);
        SessionStore sessions = store.sessions();
        long ms = clock.now().toEpochMilli();
        clock.advance(Duration.ofMillis(1000 - Math.floorMod(ms, 1000) + 100)); // x.100 s
        List<Session> kept = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            Session s = session("full-" + k, EIGHT_HOURS);
            sessions.save(s);
            kept.add(s);
        }
        for (int i = 0; i < 5_000; i++) {
            sessions.touch(kept.get(i % 10).sessionId(), clock.now().plus(EIGHT_HOURS).plusMillis(i % 700));
        }
        for (int i = 0; i < 3; i++) {
            Session refused = session("refused", EIGHT_HOURS);
            assertThatThrownBy(() -> sessions.save(refused)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("OIDCS-1110");
        }
        for (Session s : kept) {
            assertThat(sessions.find(s.sessionId())).as("no live session was evicted").isPresent();
        }
        assertThat(store.pendingNodes(StoreKind.SESSIONS)).isLessThanOrEqualTo(10);

        for (Session s : kept) { // shortened to x.200 s, within the current second
            sessions.save(s.toBuilder().expiresAt(clock.now().plusMillis(100)).build());
        }
        clock.advance(Duration.ofMillis(500)); // x.600 s: all expired, same second
        Session fresh = session("fresh", EIGHT_HOURS);
        sessions.save(fresh);

        assertThat(sessions.find(fresh.sessionId())).isPresent();
        assertThat(sessionsHeld(store)).isEqualTo(1);
        assertThat(sessions.listByChooserGroup("full-3", null, 1000).items()).isEmpty();
        assertThat(store.pendingNodes(StoreKind.SESSIONS)).isEqualTo(1);
    }

    /**
     * A read that meets an expired entry drops it without sweeping; the node it leaves counts
     * against the capacity until a sweep drops it, which the next insert does, so the map still
     * takes exactly its capacity of new entries.
     */
    @Test
    void nodesLeftByReadsThatDropExpiredEntriesNeverCostCapacity() {
        MemoryAggregate store = store(10);
        ConsumedJwtIdStore jtis = store.consumedJwtIds();
        for (int i = 0; i < 10; i++) {
            jtis.mark("old-" + i, clock.now().plusSeconds(1));
        }
        clock.advance(Duration.ofSeconds(2).plus(StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW)); // reads may drop them now
        for (int i = 0; i < 10; i++) {
            assertThat(jtis.isMarked("old-" + i)).isFalse();
        }
        assertThat(store.sizes().get(StoreKind.CONSUMED_JWT_IDS)).isZero();
        for (int i = 0; i < 10; i++) {
            jtis.mark("new-" + i, clock.now().plusSeconds(60));
        }
        assertThatThrownBy(() -> jtis.mark("new-10", clock.now().plusSeconds(60)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("OIDCS-1110");
        for (int i = 0; i < 10; i++) {
            assertThat(jtis.isMarked("new-" + i)).isTrue();
        }
        assertThat(store.pendingNodes(StoreKind.CONSUMED_JWT_IDS)).isEqualTo(10);
    }
}
