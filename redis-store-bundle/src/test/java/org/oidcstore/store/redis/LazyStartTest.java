package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.support.LogCapture;
import org.oidcstore.store.redis.support.RedisServerProcess;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * A lazy store whose Redis does not answer at its first use: however many callers arrive together,
 * they share one start attempt and each fails within {@code oidc.store.redis.timeout} (its own
 * elapsed time, not the sum of queued attempts); the failure is remembered for a short back-off,
 * during which callers fail at once with the same typed exception; when Redis answers again the
 * same store instance starts without a restart.
 */
class LazyStartTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    /** Scheduling slack on a busy 2-core machine, on top of the timeout (as in OutageTest). */
    private static final Duration SLACK = Duration.ofMillis(500);
    private static final int CALLERS = 8;
    /** Far longer than a remembered failure takes, shorter than any new attempt (one 450 ms read timeout at least). */
    private static final Duration AT_ONCE = Duration.ofMillis(300);
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private final MutableClock clock = MutableClock.startingNow();

    private static RedisSettings.Builder settings() {
        return RedisSettings.builder().password(RedisServerProcess.PASSWORD).devModeAllowPlaintext(true)
                .keyPrefix("oidctest:lazy:").timeout(TIMEOUT);
    }

    @Test
    void concurrentFirstCallsOnAFrozenServerShareOneStartAndEachFailsWithinTheTimeout() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start();
             LogCapture log = LogCapture.redisTier();
             RedisStore store = RedisStores.openAtFirstUse(settings().standalone(server.uri()).build(), clock)) {
            server.signal("STOP"); // accepts connections (the kernel does), answers nothing
            try {
                List<Outcome> outcomes = race(() -> store.consumedJwtIds().isMarked("x"));
                assertEachFailedWithinTheTimeout(outcomes, "frozen");
                assertThat(startFailures(log)).as("one start attempt shared by %d callers", CALLERS).hasSize(1);

                Outcome again = Outcome.of(() -> store.pushedAuthorizationRequests().find("x"));
                assertThat(again.failure).as("during the back-off").isInstanceOf(StoreUnavailableException.class)
                        .hasMessageStartingWith("OIDCS-1450");
                assertThat(again.elapsed).as("a remembered failure is immediate").isLessThan(AT_ONCE);
                assertThat(startFailures(log)).as("no new attempt during the back-off").hasSize(1);
            } finally {
                server.signal("CONT");
            }
            assertRecovers(store);
        }
    }

    @Test
    void concurrentFirstCallsOnAStoppedServerEachFailWithinTheTimeoutAndTheStoreStartsWhenItReturns() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start();
             RedisStore store = RedisStores.openAtFirstUse(settings().standalone(server.uri()).build(), clock)) {
            server.stop();
            assertEachFailedWithinTheTimeout(race(() -> store.sessions().find("x")), "stopped");
            server.restart();
            assertRecovers(store);
        }
    }

    /**
     * A start that takes longer than the timeout by itself (Jedis asks each sentinel in turn, each
     * with its own connect and read timeouts) still fails every caller within the timeout; the
     * attempt finishes in the background and the next one starts after the back-off.
     */
    @Test
    void aStartLongerThanTheTimeoutStillFailsEveryCallerWithinIt() throws Exception {
        try (RedisServerProcess s1 = RedisServerProcess.start();
             RedisServerProcess s2 = RedisServerProcess.start();
             RedisServerProcess s3 = RedisServerProcess.start()) {
            for (RedisServerProcess s : List.of(s1, s2, s3)) {
                s.signal("STOP");
            }
            try (RedisStore store = RedisStores.openAtFirstUse(settings().sentinel("m", List.of(s1.uri(), s2.uri(), s3.uri()))
                    .devModeAllowNoAuth(true).build(), clock)) {
                assertEachFailedWithinTheTimeout(race(() -> store.interactions().find("x")), "three frozen sentinels");
            } finally {
                for (RedisServerProcess s : List.of(s1, s2, s3)) {
                    s.signal("CONT");
                }
            }
        }
    }

    private static void assertEachFailedWithinTheTimeout(List<Outcome> outcomes, String how) {
        long worst = 0;
        for (Outcome o : outcomes) {
            assertThat(o.failure).as("a first call with the server %s", how)
                    .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("OIDCS-1450");
            assertThat(o.elapsed).as("a caller's own wait with the server %s", how)
                    .isLessThanOrEqualTo(TIMEOUT.plus(SLACK));
            worst = Math.max(worst, o.elapsed.toMillis());
        }
        System.out.println("[lazy-start] " + CALLERS + " concurrent first calls, server " + how + ": slowest caller "
                + worst + " ms (timeout " + TIMEOUT.toMillis() + " ms)");
    }

    /** Polls until an operation succeeds (each failure meanwhile must be the outage), then uses every substore. */
    private void assertRecovers(RedisStore store) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (true) {
            try {
                store.consumedJwtIds().isMarked("x");
                break;
            } catch (StoreUnavailableException stillStarting) {
                assertThat(System.nanoTime()).as("recovered within %s", RECOVERY).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        Samples samples = new Samples(clock);
        String jti = Samples.secret("jti");
        store.consumedJwtIds().mark(jti, clock.now().plusSeconds(60));
        assertThat(store.consumedJwtIds().isMarked(jti)).isTrue();
        var par = samples.par("c");
        store.pushedAuthorizationRequests().save(par);
        assertThat(store.pushedAuthorizationRequests().consume(par.requestUri())).contains(par);
        var session = samples.session("lazy");
        store.sessions().save(session);
        assertThat(store.sessions().find(session.sessionId())).contains(session);
        store.sessions().delete(session.sessionId());
    }

    private static List<String> startFailures(LogCapture log) {
        return log.warnings().stream().filter(m -> m.contains("the Redis tier could not start")).toList();
    }

    /** {@link #CALLERS} threads released together, each timing its own call. */
    private static List<Outcome> race(Runnable op) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(CALLERS);
        CountDownLatch done = new CountDownLatch(CALLERS);
        List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < CALLERS; i++) {
            Thread t = new Thread(() -> {
                try {
                    barrier.await();
                    outcomes.add(Outcome.of(op));
                } catch (Exception e) {
                    outcomes.add(new Outcome(e, Duration.ZERO));
                } finally {
                    done.countDown();
                }
            }, "first-caller-" + i);
            t.setDaemon(true);
            t.start();
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("every caller returned").isTrue();
        assertThat(outcomes).hasSize(CALLERS);
        return outcomes;
    }

    private record Outcome(Throwable failure, Duration elapsed) {
        static Outcome of(Runnable op) {
            long start = System.nanoTime();
            Throwable failure = null;
            try {
                op.run();
            } catch (StoreException e) {
                failure = e;
            }
            return new Outcome(failure, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
