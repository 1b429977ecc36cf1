package org.oidcstore.store.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;

/**
 * {@link BoundedReclamationTest} under concurrent writers: whatever they interleave, the memory tier
 * keeps no reclamation node beyond one per key, and never loses the shortening of an expiry.
 */
class ConcurrentReclamationTest extends ReclamationFixture {
    /**
     * Threads touch, lengthen, shorten, delete and recreate the same sessions while sweeps run on
     * whichever thread wins the sweep lock; each thread's last write to its own sessions shortens
     * them. Every one of them must then be reclaimed at its short expiry, and no node may be left.
     */
    @Test
    void concurrentWritersNeverLoseAShorteningNorLeaveNodesBehind() throws Exception {
        int threads = 4;
        int keysPerThread = 4;
        MemoryAggregate store = store(1_000);
        SessionStore sessions = store.sessions();
        List<Session> keys = new ArrayList<>();
        for (int k = 0; k < threads * keysPerThread; k++) {
            keys.add(session("race", EIGHT_HOURS));
        }
        Instant start = clock.now();
        CyclicBarrier go = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(me);
                    go.await();
                    for (int i = 0; i < 60_000; i++) {
                        Session s = keys.get(random.nextInt(keys.size()));
                        Instant far = start.plus(EIGHT_HOURS).plusSeconds(random.nextInt(3_600));
                        switch (random.nextInt(5)) {
                            case 0 -> sessions.touch(s.sessionId(), far);
                            case 1 -> sessions.save(s.toBuilder().expiresAt(far).build());
                            case 2 -> sessions.save(s.toBuilder().expiresAt(start.plusSeconds(60 + random.nextInt(600)))
                                    .build());
                            case 3 -> sessions.delete(s.sessionId());
                            default -> sessions.find(s.sessionId());
                        }
                    }
                    go.await(); // nobody touches another thread's keys any more
                    for (int round = 0; round < 500; round++) { // own keys only: long, short, ..., short last
                        for (int j = 0; j < 2 * keysPerThread; j++) {
                            Session s = keys.get(me * keysPerThread + j % keysPerThread);
                            Instant expiry = j < keysPerThread ? start.plus(EIGHT_HOURS)
                                    : start.plusSeconds(30 + random.nextInt(20));
                            sessions.save(s.toBuilder().expiresAt(expiry).build());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sessionsHeld(store)).isEqualTo(threads * keysPerThread);

        clock.set(start.plusSeconds(60)); // every key's last expiry (at most start + 49 s) has passed
        Session trigger = session("trigger", EIGHT_HOURS);
        for (int i = 0; i < 4; i++) {
            sessions.save(trigger); // each write sweeps up to sweepBatch nodes
        }
        assertThat(sessionsHeld(store)).as("sessions held after sweeping").isEqualTo(1);
        assertThat(sessions.listByChooserGroup("race", null, 1000).items()).isEmpty();
        assertThat(store.pendingNodes(StoreKind.SESSIONS)).isEqualTo(1);
    }
}
