package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.support.RedisServerProcess;
import org.oidcstore.store.redis.support.TestServers;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * Redis goes away under a running store (a redis-server this test starts itself, plaintext or
 * TLS): every operation fails with StoreUnavailableException within the configured timeout, and
 * when Redis is back the same store instance works again, without a restart. Over TLS a dead
 * peer surfaces as {@code SSLException}s around socket errors: they must read as an outage, not
 * as a TLS configuration error (OIDCS-1432).
 */
class OutageTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    /** Scheduling slack on a busy 2-core machine, on top of the timeout. */
    private static final Duration SLACK = Duration.ofMillis(500);

    private final MutableClock clock = MutableClock.startingNow();
    private final Samples samples = new Samples(clock);

    private Map<String, Runnable> everyOperation(RedisStore store) {
        Interaction ia = samples.interaction(Samples.binaryState(1));
        Map<String, Runnable> ops = new LinkedHashMap<>();
        ops.put("jti.mark", () -> store.consumedJwtIds().mark(Samples.secret("jti"), clock.now().plusSeconds(60)));
        ops.put("jti.isMarked", () -> store.consumedJwtIds().isMarked("x"));
        ops.put("par.save", () -> store.pushedAuthorizationRequests().save(samples.par("c")));
        ops.put("par.find", () -> store.pushedAuthorizationRequests().find("x"));
        ops.put("par.consume", () -> store.pushedAuthorizationRequests().consume("x"));
        ops.put("ia.save", () -> store.interactions().save(ia));
        ops.put("ia.find", () -> store.interactions().find("x"));
        ops.put("ia.delete", () -> store.interactions().delete("x"));
        ops.put("ia.cas", () -> store.interactionCompareAndSwap().orElseThrow().compareAndSwap(new byte[1], ia));
        ops.put("ia.deleteIfUnchanged", () -> store.interactionCompareAndSwap().orElseThrow()
                .deleteIfUnchanged("x", new byte[1]));
        ops.put("session.save", () -> store.sessions().save(samples.session("g")));
        ops.put("session.find", () -> store.sessions().find("x"));
        ops.put("session.touch", () -> store.sessions().touch("x", clock.now().plusSeconds(60)));
        ops.put("session.delete", () -> store.sessions().delete("x"));
        ops.put("session.list", () -> store.sessions().listByChooserGroup("g", null, 1000).items());
        return ops;
    }

    enum Transport {
        PLAIN, TLS;

        RedisServerProcess start() {
            return this == PLAIN ? RedisServerProcess.start() : RedisServerProcess.startTls();
        }

        RedisSettings settings(RedisServerProcess server) {
            RedisSettings.Builder b = RedisSettings.builder().standalone(server.uri())
                    .password(RedisServerProcess.PASSWORD).keyPrefix("oidctest:outage:").timeout(TIMEOUT);
            return (this == PLAIN ? b.devModeAllowPlaintext(true)
                    : b.truststore(TestServers.truststore()).truststorePassword(TestServers.STORE_PASSWORD)).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void aStoppedServerFailsEveryOperationWithinTheTimeoutAndTheStoreRecoversWhenItReturns(Transport transport) {
        try (RedisServerProcess server = transport.start();
             RedisStore store = RedisStores.open(transport.settings(server), clock)) {
            warm(store); // pooled connections exist
            server.stop();
            long worst = assertEveryOperationFailsFast(store, "stopped");
            System.out.println("[outage] " + transport + " stopped server: slowest failure " + worst + " ms (timeout "
                    + TIMEOUT.toMillis() + " ms)");

            server.restart();
            assertRecovered(store);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void aKilledServerFailsEveryOperationWithinTheTimeoutAndTheStoreRecoversWhenItReturns(Transport transport) {
        try (RedisServerProcess server = transport.start();
             RedisStore store = RedisStores.open(transport.settings(server), clock)) {
            warm(store);
            server.kill(); // SIGKILL: connections die without a close_notify or a FIN from Redis itself
            long worst = assertEveryOperationFailsFast(store, "killed");
            System.out.println("[outage] " + transport + " killed server: slowest failure " + worst + " ms (timeout "
                    + TIMEOUT.toMillis() + " ms)");
            server.restart();
            assertRecovered(store);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void aFrozenServerFailsEveryOperationWithinTheTimeoutAndTheStoreRecoversWhenItThaws(Transport transport) {
        try (RedisServerProcess server = transport.start();
             RedisStore store = RedisStores.open(transport.settings(server), clock)) {
            warm(store);
            server.signal("STOP"); // sockets stay open, nothing answers: only the timeout helps
            long worst;
            try {
                worst = assertEveryOperationFailsFast(store, "frozen");
            } finally {
                server.signal("CONT");
            }
            System.out.println("[outage] " + transport + " frozen server: slowest failure " + worst + " ms (timeout "
                    + TIMEOUT.toMillis() + " ms)");
            assertRecovered(store);
        }
    }

    private void warm(RedisStore store) {
        for (Runnable op : everyOperation(store).values()) {
            try {
                op.run();
            } catch (ConflictException expected) {
                // compare-and-swap on an absent interaction: the operation reached Redis
            }
        }
    }

    private long assertEveryOperationFailsFast(RedisStore store, String how) {
        long worst = 0;
        for (Map.Entry<String, Runnable> op : everyOperation(store).entrySet()) {
            long start = System.nanoTime();
            assertThatThrownBy(op.getValue()::run).as("%s with the server %s", op.getKey(), how)
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("OIDCS-145");
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(ms).as("%s failed after %d ms", op.getKey(), ms).isLessThanOrEqualTo(TIMEOUT.plus(SLACK).toMillis());
            worst = Math.max(worst, ms);
        }
        return worst;
    }

    /** The very first operations after the server is back succeed: no retry loop in the test. */
    private void assertRecovered(RedisStore store) {
        String jti = Samples.secret("jti");
        store.consumedJwtIds().mark(jti, clock.now().plusSeconds(60));
        assertThat(store.consumedJwtIds().isMarked(jti)).isTrue();
        var session = samples.session("after-outage");
        store.sessions().save(session);
        assertThat(store.sessions().listByChooserGroup("after-outage", null, 1000).items()).containsExactly(session);
        var par = samples.par("c");
        store.pushedAuthorizationRequests().save(par);
        assertThat(store.pushedAuthorizationRequests().consume(par.requestUri())).contains(par);
        Interaction ia = samples.interaction(Samples.binaryState(7));
        store.interactions().save(ia);
        assertThat(store.interactions().find(ia.interactionId())).contains(ia);
    }
}
