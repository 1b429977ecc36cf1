package org.oidcstore.store.composite.health;

import org.oidcstore.store.testsupport.OwnRedisServer;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.se.SeContainer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.cdi.Deployment;
import org.oidcstore.store.composite.internal.health.HealthExtension;
import org.oidcstore.store.jpa.internal.cdi.JpaStoreProducer;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;
import org.oidcstore.store.redis.internal.RedisStoreProducer;
import redis.clients.jedis.Jedis;

/**
 * The MicroProfile Health checks in Weld, over the real bundles: the JPA tier on H2 and the Redis
 * tier on a redis-server of the test's own, which the test stops and starts again. The checks are
 * the beans the composite adds ({@code @Readiness}/{@code @Liveness HealthCheck}), called as a
 * health endpoint calls them.
 */
class HealthChecksTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static Deployment redisDeployment(OwnRedisServer redis) {
        return Deployment.of(JpaStoreProducer.class, RedisStoreProducer.class).extension(new HealthExtension())
                .with("oidc.store.jpa.url", "jdbc:h2:mem:health;DB_CLOSE_DELAY=-1").with("oidc.store.jpa.user", "sa")
                .with("oidc.store.jpa.migrate", "true")
                .with("oidc.store.redis.uri", "redis://127.0.0.1:" + redis.port())
                .with("oidc.store.redis.password", OwnRedisServer.PASSWORD)
                .with("oidc.store.redis.dev-mode-allow-plaintext", "true")
                .with("oidc.store.redis.timeout", TIMEOUT.toString())
                .with("oidc.store.redis.key-prefix", "oidctest:health:");
    }

    @Test
    void redisStoppedIsNotReadyWithinTheTimeoutAndReadyAgainWhenBackWithoutRestart() throws Exception {
        try (OwnRedisServer redis = OwnRedisServer.start(); Deployment d = redisDeployment(redis)) {
            SeContainer c = d.start();
            List<HealthCheck> readiness = c.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream().toList();
            HealthCheck liveness = c.select(HealthCheck.class, Liveness.Literal.INSTANCE).get();
            ConsumedJwtIdStore jwtIds = c.select(ConsumedJwtIdStore.class).get();

            Map<String, HealthCheckResponse> healthy = awaitVolatileReady(readiness); // Redis starts at its first call
            assertThat(healthy.keySet()).containsExactlyInAnyOrder("oidc-store-durable", "oidc-store-volatile");
            assertUp(healthy.get("oidc-store-durable"), "jpa");
            assertUp(healthy.get("oidc-store-volatile"), "redis");
            assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            jwtIds.mark("health-before", java.time.Instant.now().plusSeconds(60));

            redis.stop();
            long started = System.nanoTime();
            Map<String, HealthCheckResponse> down = call(readiness);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("[health] readiness with Redis stopped answered in " + took.toMillis() + " ms: "
                    + down.values().stream().map(r -> r.getName() + " " + r.getStatus() + " " + r.getData().orElseThrow()).toList());
            assertThat(down.get("oidc-store-volatile").getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(data(down.get("oidc-store-volatile"), "detail")).startsWith("redis: ").contains("OIDCS-");
            assertUp(down.get("oidc-store-durable"), "jpa");
            var composite = c.select(CompositeStore.class).get().readiness();
            assertThat(composite.ready()).as("the composite is ready when every backend is: " + composite).isFalse();
            assertThat(composite.detail()).startsWith("composite: jpa: ").contains("; redis: ");
            assertThat(took).as("not ready within the timeout (both tiers probed; a margin for a loaded machine)")
                    .isLessThan(TIMEOUT.multipliedBy(3));
            long liveStarted = System.nanoTime();
            assertThat(liveness.call().getStatus()).as("liveness never touches Redis").isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(Duration.ofNanos(System.nanoTime() - liveStarted)).isLessThan(Duration.ofMillis(200));
            Assertions.assertThrows(StoreUnavailableException.class,
                    () -> jwtIds.mark("health-down", java.time.Instant.now().plusSeconds(60)), "fails closed meanwhile");

            redis.startProcess(); // same port, same container: no restart of the application
            HealthCheckResponse back = awaitVolatileReady(readiness).get("oidc-store-volatile");
            assertUp(back, "redis");
            jwtIds.mark("health-after", java.time.Instant.now().plusSeconds(60)); // and the tier works again
        }
    }

    @Test
    void anEvictingMaxmemoryPolicySetAtRuntimeMakesTheVolatileTierNotReady() throws Exception {
        try (OwnRedisServer redis = OwnRedisServer.start(); Deployment d = redisDeployment(redis)) {
            SeContainer c = d.start();
            List<HealthCheck> readiness = c.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream().toList();
            assertUp(awaitVolatileReady(readiness).get("oidc-store-volatile"), "redis");
            try (Jedis admin = redis.admin()) {
                admin.configSet("maxmemory-policy", "allkeys-lru");
                HealthCheckResponse evicting = call(readiness).get("oidc-store-volatile");
                assertThat(evicting.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
                assertThat(data(evicting, "detail")).contains("OIDCS-1440").contains("allkeys-lru");
                admin.configSet("maxmemory-policy", "noeviction");
            }
            assertUp(call(readiness).get("oidc-store-volatile"), "redis");
        }
    }

    @Test
    void theMemoryTierIsReadyAndItsProbeSaysSo() {
        try (Deployment d = Deployment.of(JpaStoreProducer.class, MemoryStoreProducer.class).extension(new HealthExtension())
                .with("oidc.store.jpa.url", "jdbc:h2:mem:health-memory;DB_CLOSE_DELAY=-1").with("oidc.store.jpa.user", "sa")
                .with("oidc.store.jpa.migrate", "true")) {
            SeContainer c = d.start();
            Map<String, HealthCheckResponse> r = call(c.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream().toList());
            assertUp(r.get("oidc-store-volatile"), "memory");
            assertThat(data(r.get("oidc-store-volatile"), "detail")).isEqualTo("memory: in process");
            assertThat(data(r.get("oidc-store-durable"), "detail")).startsWith("jpa: a pooled connection answered in ");
        }
    }

    /** A durable store that cannot open (here: an empty database, no migration) is not ready, with its id. */
    @Test
    void aDurableTierWhoseStoreCannotOpenIsNotReadyWithItsProblemId() {
        try (Deployment d = Deployment.of(JpaStoreProducer.class, MemoryStoreProducer.class).extension(new HealthExtension())
                .with("oidc.store.jpa.url", "jdbc:h2:mem:health-empty;DB_CLOSE_DELAY=-1").with("oidc.store.jpa.user", "sa")) {
            SeContainer c = d.start();
            Map<String, HealthCheckResponse> r = call(c.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream().toList());
            assertThat(r.get("oidc-store-durable").getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(data(r.get("oidc-store-durable"), "detail")).startsWith("jpa: ").containsPattern("OIDCS-\\d{4}");
            assertUp(r.get("oidc-store-volatile"), "memory");
            HealthCheck liveness = c.select(HealthCheck.class, Liveness.Literal.INSTANCE).get();
            assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        }
    }

    /** The checks' answers once the volatile tier is ready, at most 15 s; the last answers otherwise. */
    private static Map<String, HealthCheckResponse> awaitVolatileReady(List<HealthCheck> checks) throws InterruptedException {
        Map<String, HealthCheckResponse> r = call(checks);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (r.get("oidc-store-volatile").getStatus() != HealthCheckResponse.Status.UP && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = call(checks);
        }
        return r;
    }

    private static Map<String, HealthCheckResponse> call(List<HealthCheck> checks) {
        Map<String, HealthCheckResponse> out = new LinkedHashMap<>();
        for (HealthCheck h : checks) {
            HealthCheckResponse r = h.call();
            out.put(r.getName(), r);
        }
        return out;
    }

    private static void assertUp(HealthCheckResponse r, String backend) {
        assertThat(r).as("a response").isNotNull();
        assertThat(r.getStatus()).as(r.getName() + " " + r.getData()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(r, "backend")).isEqualTo(backend);
    }

    private static String data(HealthCheckResponse r, String key) {
        return (String) r.getData().orElseThrow().get(key);
    }
}
