package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Samples;

/**
 * The TTLs Redis itself enforces, read back with {@code PTTL} on the real servers: a JWT-ID marker
 * outlives its expiry by the configured skew allowance (60 s by default); a session's pointer never
 * dies before the session's hash, also when a touch races a save of the same session; a session
 * whose hash Redis already dropped is not reported as deleted.
 */
class EngineTtlTest {
    /** Rounds of the touch-versus-save race; each round is a few round trips on loopback. */
    private static final int RACE_ROUNDS = 300;

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void aJwtIdMarkerOutlivesItsExpiryBySixtySecondsWhateverItsLifetime(Topology topology) {
        try (RedisFixture f = new RedisFixture(topology)) {
            RedisKeys keys = new RedisKeys(f.prefix());
            for (Duration life : new Duration[] {Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(2)}) {
                String jti = Samples.secret("jti");
                Instant expiresAt = f.clock().now().plus(life);
                f.store().consumedJwtIds().mark(jti, expiresAt);
                long pttl = f.admin().jedis().pttl(RedisConsumedJwtIdStore.key(keys, f.digest().digest(StoreKind.CONSUMED_JWT_IDS, jti)));
                long expected = life.plusSeconds(60).toMillis();
                assertThat(pttl).as("PTTL of a marker living %s", life).isLessThanOrEqualTo(expected)
                        .isGreaterThan(expected - 2_000);
            }
        }
    }

    /** {@code oidc.store.jwt-id-clock-skew} sets how long Redis keeps a marker past its expiry, 0 included. */
    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void aJwtIdMarkerOutlivesItsExpiryByTheConfiguredClockSkew(Topology topology) {
        for (Duration skew : new Duration[] {Duration.ofMinutes(5), Duration.ZERO}) {
            try (RedisFixture f = new RedisFixture(topology, b -> b.jwtIdClockSkew(skew))) {
                assertThat(f.jwtIdClockSkew()).isEqualTo(skew);
                RedisKeys keys = new RedisKeys(f.prefix());
                Duration life = Duration.ofMinutes(2);
                String jti = Samples.secret("jti");
                f.store().consumedJwtIds().mark(jti, f.clock().now().plus(life));
                long pttl = f.admin().jedis().pttl(RedisConsumedJwtIdStore.key(keys, f.digest().digest(StoreKind.CONSUMED_JWT_IDS, jti)));
                long expected = life.plus(skew).toMillis();
                assertThat(pttl).as("PTTL of a marker living %s with a skew allowance of %s", life, skew)
                        .isLessThanOrEqualTo(expected).isGreaterThan(expected - 2_000);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void aTouchRacingASaveOfTheSameSessionNeverLeavesThePointerDyingBeforeTheHash(Topology topology)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RedisFixture f = new RedisFixture(topology)) {
            Samples samples = new Samples(f.clock());
            RedisKeys keys = new RedisKeys(f.prefix());
            String group = Samples.id("group");
            for (int round = 0; round < RACE_ROUNDS; round++) {
                Session s = samples.session(group).toBuilder().expiresAt(f.clock().now().plus(Duration.ofHours(1)))
                        .build();
                f.store().sessions().save(s);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> save = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    f.store().sessions().save(s);
                    return null;
                });
                Future<Boolean> touch = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return f.store().sessions().touch(s.sessionId(), f.clock().now().plus(Duration.ofHours(10)));
                });
                save.get(30, TimeUnit.SECONDS);
                assertThat(touch.get(30, TimeUnit.SECONDS)).as("round %d: touch of a live session", round).isTrue();
                // pointer first: a later read of the hash can only be smaller if the invariant holds
                long pointer = f.admin().jedis().pttl(SessionKeys.pointerKey(keys, s.sessionId()));
                long hash = f.admin().jedis().pttl(SessionKeys.hashKey(keys, SessionKeys.groupHome(group), s.sessionId()));
                assertThat(hash).as("round %d: the hash exists", round).isPositive();
                assertThat(pointer).as("round %d: the pointer must outlive the hash (PTTL %d ms)", round, hash)
                        .isGreaterThanOrEqualTo(hash);
                assertThat(f.store().sessions().find(s.sessionId())).as("round %d", round).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void aSessionWhoseHashRedisAlreadyDroppedIsNotReportedDeleted(Topology topology) throws Exception {
        try (RedisFixture f = new RedisFixture(topology)) {
            Samples samples = new Samples(f.clock());
            RedisKeys keys = new RedisKeys(f.prefix());
            Session s = samples.session(Samples.id("group"));
            f.store().sessions().save(s);
            // the pointer keeps the longest TTL it was given; the hash takes the latest one
            assertThat(f.store().sessions().touch(s.sessionId(), f.clock().now().plus(Duration.ofHours(10)))).isTrue();
            assertThat(f.store().sessions().touch(s.sessionId(), f.clock().now().plusSeconds(1))).isTrue();
            Thread.sleep(1_300); // Redis drops the hash on its own clock
            f.clock().advance(Duration.ofMillis(1_300));
            assertThat(f.admin().jedis().exists(SessionKeys.pointerKey(keys, s.sessionId()))).as("the pointer outlives it").isTrue();
            assertThat(f.store().sessions().find(s.sessionId())).isEmpty();
            assertThat(f.store().sessions().delete(s.sessionId())).as("an expired session is not deleted").isFalse();
            assertThat(f.store().sessions().listByChooserGroup(s.chooserGroup(), null, 1000).items()).isEmpty();
        }
    }
}
