package org.oidcstore.store.composite.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.StoreTier;

/**
 * Transactional writers on the durable tier and volatile readers/writers at the same time. A
 * durable transaction holds a row lock and a second one is blocked on it; meanwhile volatile calls
 * through the same composite (from other threads, from inside the lock holder's transaction, and
 * from inside a third transaction) complete promptly, and their single-use races still have exactly
 * one winner. Volatile tiers never join the anchor's transaction: what they wrote survives its
 * rollback.
 */
class TierIsolationRaceTest {
    private static final Duration VOLATILE_BUDGET = Duration.ofSeconds(5);
    private static final int WORKERS = 4;
    private static final int OPS_PER_WORKER = 60;

    private CompositeStore store;
    private MutableClock clock;
    private Samples samples;
    private ExecutorService pool;

    @BeforeEach
    void composite() {
        JpaStore jpa = HotColdStores.durable();
        store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, HotColdStores.volatileTier()).build();
        clock = HotColdStores.clock();
        samples = new Samples(clock);
        pool = Executors.newFixedThreadPool(WORKERS + 3);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("no thread left blocked").isTrue();
    }

    @RepeatedTest(5)
    void volatileCallsProceedWhileADurableTransactionHoldsALockAndAnotherWaitsForIt() throws Exception {
        RefreshToken token = samples.refreshToken();
        store.refreshTokens().save(token, null);

        CountDownLatch lockHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong insideHolderNanos = new AtomicLong(-1);
        CountDownLatch holderVolatileDone = new CountDownLatch(1);
        // A: consumes the token (conditional UPDATE: the row stays locked until commit) and waits
        Future<Boolean> holder = pool.submit(() -> store.inTransaction(() -> {
            boolean won = store.refreshTokens().consume(token.token()).isPresent();
            lockHeld.countDown();
            long t0 = System.nanoTime();
            volatileWork("holder"); // volatile calls inside the open durable transaction
            insideHolderNanos.set(System.nanoTime() - t0);
            holderVolatileDone.countDown();
            await(release);
            return won;
        }));
        assertThat(lockHeld.await(30, TimeUnit.SECONDS)).isTrue();
        // B: a second durable transaction on the same row blocks on A's lock
        CountDownLatch bStarted = new CountDownLatch(1);
        AtomicLong bFinishedAt = new AtomicLong();
        Future<Boolean> blocked = pool.submit(() -> store.inTransaction(() -> {
            bStarted.countDown();
            try {
                return store.refreshTokens().consume(token.token()).isPresent();
            } catch (AlreadyConsumedException e) {
                return false;
            } finally {
                bFinishedAt.set(System.nanoTime());
            }
        }));
        assertThat(bStarted.await(30, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        List<Future<?>> volatileWorkers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            String name = "worker-" + w;
            volatileWorkers.add(pool.submit(() -> volatileWork(name)));
        }
        // C: volatile writes inside a durable transaction that rolls back
        PushedAuthorizationRequest parInRolledBack = samples.par("client-c");
        Future<?> rolledBack = pool.submit(() -> {
            assertThatThrownBy(() -> store.inTransaction(() -> {
                store.pushedAuthorizationRequests().save(parInRolledBack);
                throw new IllegalStateException("roll back");
            })).isInstanceOf(IllegalStateException.class);
            return null;
        });
        for (Future<?> f : volatileWorkers) {
            f.get(VOLATILE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        }
        rolledBack.get(VOLATILE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        Duration volatileTime = Duration.ofNanos(System.nanoTime() - start);

        assertThat(blocked.isDone()).as("B is still waiting for A's row lock while the volatile work is done")
                .isFalse();
        assertThat(holder.isDone()).isFalse();
        assertThat(volatileTime).isLessThan(VOLATILE_BUDGET);
        // the holder runs its volatile calls concurrently with the workers: wait for them, bounded
        assertThat(holderVolatileDone.await(VOLATILE_BUDGET.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(insideHolderNanos.get()).as("volatile calls inside the lock holder's transaction ran")
                .isBetween(0L, VOLATILE_BUDGET.toNanos());
        assertThat(store.pushedAuthorizationRequests().find(parInRolledBack.requestUri()))
                .as("the volatile tier did not join the rolled-back transaction").isPresent();

        long releasedAt = System.nanoTime();
        release.countDown();
        boolean aWon = holder.get(30, TimeUnit.SECONDS);
        boolean bWon = blocked.get(30, TimeUnit.SECONDS);
        assertThat(bFinishedAt.get() - releasedAt).as("B, started before the volatile work, finished only after"
                + " A was released: it was blocked on the row lock throughout").isPositive();
        assertThat(aWon).isTrue();
        assertThat(bWon).as("after A committed, B sees the replay: one winner").isFalse();
        assertThat(store.refreshTokens().find(token.token()).orElseThrow().isConsumed()).isTrue();
    }

    /** Single-use races on the volatile tier, through the composite, while durable writers commit. */
    @Test
    void volatileSingleUseKeepsOneWinnerWhileDurableWritersCommit() throws Exception {
        int rounds = 20;
        int racers = WORKERS;
        Future<Integer> durableWriter = pool.submit(() -> {
            int n = 0;
            for (int i = 0; i < rounds * 2; i++) {
                store.inTransaction(() -> store.grants().save(samples.grant("sub-race", "client-" + Samples.id("c"))));
                n++;
            }
            return n;
        });
        for (int round = 0; round < rounds; round++) {
            PushedAuthorizationRequest par = samples.par("client-a");
            store.pushedAuthorizationRequests().save(par);
            String jti = Samples.id("jti");
            Interaction ia = samples.interaction(Samples.binaryState(round));
            store.interactions().save(ia);
            CyclicBarrier go = new CyclicBarrier(racers);
            List<Future<int[]>> outcomes = new ArrayList<>();
            for (int r = 0; r < racers; r++) {
                int me = r;
                outcomes.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    int[] won = new int[3];
                    won[0] = attempt(() -> store.pushedAuthorizationRequests().consume(par.requestUri()).isPresent());
                    won[1] = attempt(() -> {
                        store.consumedJwtIds().mark(jti, clock.now().plusSeconds(60));
                        return true;
                    });
                    won[2] = attempt(() -> {
                        Interaction next = new Interaction(ia.interactionId(), Samples.binaryState(1000 + me),
                                ia.createdAt(), ia.expiresAt());
                        store.interactionCompareAndSwap().orElseThrow().compareAndSwap(ia.state(), next);
                        return true;
                    });
                    return won;
                }));
            }
            int[] total = new int[3];
            for (Future<int[]> f : outcomes) {
                int[] w = f.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < 3; i++) {
                    total[i] += w[i];
                }
            }
            assertThat(total).as("round %d: one winner each for PAR consume, JTI mark, interaction CAS", round)
                    .containsExactly(1, 1, 1);
        }
        assertThat(durableWriter.get(60, TimeUnit.SECONDS)).isEqualTo(rounds * 2);
        assertThat(store.grants().listBySubject("sub-race", null, rounds * 2 + 1).items()).hasSize(rounds * 2);
    }

    /** 1 when the call won, 0 when it lost the single-use race; anything else fails the test. */
    private static int attempt(Callable<Boolean> call) throws Exception {
        try {
            return call.call() ? 1 : 0;
        } catch (AlreadyConsumedException | ConflictException e) {
            return 0;
        }
    }

    /** A mix of volatile reads and writes: PAR save/find/consume, JTI mark/check, interaction save/find. */
    private Void volatileWork(String name) {
        for (int i = 0; i < OPS_PER_WORKER / 6; i++) {
            PushedAuthorizationRequest par = samples.par(name);
            store.pushedAuthorizationRequests().save(par);
            assertThat(store.pushedAuthorizationRequests().find(par.requestUri())).isPresent();
            assertThat(store.pushedAuthorizationRequests().consume(par.requestUri())).isPresent();
            String jti = name + ":" + Samples.id("jti");
            store.consumedJwtIds().mark(jti, clock.now().plusSeconds(60));
            assertThat(store.consumedJwtIds().isMarked(jti)).isTrue();
            Interaction ia = samples.interaction(Samples.binaryState(i));
            store.interactions().save(ia);
            assertThat(store.interactions().find(ia.interactionId())).isPresent();
        }
        return null;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
