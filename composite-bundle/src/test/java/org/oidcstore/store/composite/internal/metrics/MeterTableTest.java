package org.oidcstore.store.composite.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.metrics.PrometheusText;
import org.oidcstore.store.memory.MemoryStores;

/**
 * The per-method meter table ({@link MeteredMethod}): counters resolved lazily into array slots by
 * racing threads still count every call exactly once, under one series each; and the commit hook
 * is reached only by methods that declare a COMMITTED event.
 */
class MeterTableTest {
    private static final int THREADS = 16;
    private static final int OWN = 200;
    private static final int SHARED = 50;

    private static Map<String, String> tags(String... more) {
        Map<String, String> m = new HashMap<>(Map.of("kind", "consumed-jwt-ids", "tier", "volatile", "backend", "memory"));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void racingFirstCallsResolveEachCounterOnceAndCountEveryCall() throws Exception {
        for (int round = 0; round < 5; round++) {
            String scope = "meter-table-" + UUID.randomUUID();
            try {
                MeteredStores metered = new MeteredStores(
                        MetricsSupport.forRegistry(SharedMetricRegistries.getOrCreate(scope)), CommitHook.IMMEDIATE,
                        SessionDurability.VOLATILE, TimerSampling.EVERY_CALL);
                ConsumedJwtIdStore jtis = (ConsumedJwtIdStore) metered.wrap(ConsumedJwtIdStore.class,
                        StoreKind.CONSUMED_JWT_IDS, new MetricTags("consumed-jwt-ids", "volatile", "memory"),
                        MemoryStores.open().consumedJwtIds());
                Instant expiry = Instant.now().plusSeconds(600);
                AtomicInteger replaysSeen = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int id = t;
                    Thread thread = new Thread(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        for (int i = 0; i < SHARED; i++) { // every thread races for the same markers first
                            try {
                                jtis.mark("shared-" + i, expiry);
                            } catch (AlreadyConsumedException e) {
                                replaysSeen.incrementAndGet();
                            }
                        }
                        for (int i = 0; i < OWN; i++) {
                            jtis.mark("own-" + id + "-" + i, expiry);
                        }
                    });
                    thread.start();
                    threads.add(thread);
                }
                start.countDown();
                for (Thread thread : threads) {
                    thread.join();
                }

                int replays = THREADS * SHARED - SHARED; // exactly one winner per shared marker
                assertThat(replaysSeen).hasValue(replays);
                PrometheusText p = new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
                assertThat(p.value("oidc_store_operations_total", tags("operation", "mark", "outcome", "ok")))
                        .isEqualTo(THREADS * OWN + SHARED);
                assertThat(p.value("oidc_store_operations_total", tags("operation", "mark", "outcome", "replay")))
                        .isEqualTo(replays);
                assertThat(p.value("oidc_store_operation_seconds_count", tags("operation", "mark")))
                        .as("every call timed").isEqualTo(THREADS * (OWN + SHARED));
                assertThat(p.value("oidc_store_replays_total", tags("operation", "mark"))).isEqualTo(replays);
                assertThat(p.value("oidc_store_jti_replays_total", tags())).isEqualTo(replays);
                assertThat(p.samples("oidc_store_operations_total")).as("one series per outcome").hasSize(2);
            } finally {
                SharedMetricRegistries.drop(scope);
            }
        }
    }

    /**
     * The default sampling times one call in 32 at random and still counts every call. With 64,000
     * calls the timed ones follow a binomial law (mean 2,000, standard deviation 44): the bounds are
     * 6 standard deviations wide, so a correct sampler fails this about once in 10^9 runs, while a
     * sampler timing every call, none, or one in 16 or 64 always fails it.
     */
    @Test
    void sampledTimerTimesAboutOneCallIn32AndEveryCallIsStillCounted() {
        String scope = "meter-table-" + UUID.randomUUID();
        try {
            MeteredStores metered = new MeteredStores(MetricsSupport.forRegistry(SharedMetricRegistries.getOrCreate(scope)),
                    CommitHook.IMMEDIATE, SessionDurability.VOLATILE, TimerSampling.DEFAULT);
            var memory = MemoryStores.open();
            ConsumedJwtIdStore jtis = (ConsumedJwtIdStore) metered.wrap(ConsumedJwtIdStore.class,
                    StoreKind.CONSUMED_JWT_IDS, new MetricTags("consumed-jwt-ids", "volatile", "memory"),
                    memory.consumedJwtIds());
            Instant expiry = Instant.now().plusSeconds(600);
            int calls = 64_000;
            int replays = 0;
            for (int i = 0; i < calls; i++) {
                try {
                    jtis.mark("jti-" + (i % 60_000), expiry); // the last 4,000 are replays
                } catch (AlreadyConsumedException e) {
                    replays++;
                }
            }
            assertThat(replays).isEqualTo(4_000);
            PrometheusText p = new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
            assertThat(p.value("oidc_store_operations_total", tags("operation", "mark", "outcome", "ok")))
                    .as("every call counted").isEqualTo(60_000);
            assertThat(p.value("oidc_store_operations_total", tags("operation", "mark", "outcome", "replay")))
                    .isEqualTo(4_000);
            assertThat(p.value("oidc_store_replays_total", tags("operation", "mark"))).isEqualTo(4_000);
            assertThat(p.value("oidc_store_jti_replays_total", tags())).isEqualTo(4_000);
            assertThat(p.value("oidc_store_operation_seconds_count", tags("operation", "mark")))
                    .as("one call in 32 timed").isBetween(2_000.0 - 6 * 44, 2_000.0 + 6 * 44);
        } finally {
            SharedMetricRegistries.drop(scope);
        }
    }

    /**
     * Without a configured sampling, each tier takes its default: a durable-tier store times every
     * call (its timer count equals the calls), a volatile-tier store one in 32 (the bounds of the
     * test above: fewer than 2,300 of 64,000 calls).
     */
    @Test
    void unconfiguredSamplingTimesEveryDurableCallAndSamplesVolatileOnes() {
        String scope = "meter-table-" + UUID.randomUUID();
        try {
            MeteredStores metered = new MeteredStores(MetricsSupport.forRegistry(SharedMetricRegistries.getOrCreate(scope)),
                    CommitHook.IMMEDIATE, SessionDurability.VOLATILE, null);
            ConsumedJwtIdStore onDurable = (ConsumedJwtIdStore) metered.wrap(ConsumedJwtIdStore.class,
                    StoreKind.CONSUMED_JWT_IDS, new MetricTags("consumed-jwt-ids", "durable", "jpa"),
                    MemoryStores.open().consumedJwtIds());
            ConsumedJwtIdStore onVolatile = (ConsumedJwtIdStore) metered.wrap(ConsumedJwtIdStore.class,
                    StoreKind.CONSUMED_JWT_IDS, new MetricTags("consumed-jwt-ids", "volatile", "memory"),
                    MemoryStores.open().consumedJwtIds());
            Instant expiry = Instant.now().plusSeconds(600);
            int calls = 64_000;
            for (int i = 0; i < calls; i++) {
                onDurable.mark("jti-" + i, expiry);
                onVolatile.mark("jti-" + i, expiry);
            }
            PrometheusText p = new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
            Map<String, String> durable = Map.of("kind", "consumed-jwt-ids", "tier", "durable", "backend", "jpa",
                    "operation", "mark");
            Map<String, String> volatileTags = new HashMap<>(tags("operation", "mark"));
            assertThat(p.value("oidc_store_operation_seconds_count", durable)).as("durable: every call timed")
                    .isEqualTo(calls);
            assertThat(p.value("oidc_store_operation_seconds_count", volatileTags)).as("volatile: one call in 32")
                    .isBetween(2_000.0 - 6 * 44, 2_000.0 + 6 * 44);
            Map<String, String> durableOk = new HashMap<>(durable);
            durableOk.put("outcome", "ok");
            volatileTags.put("outcome", "ok");
            assertThat(p.value("oidc_store_operations_total", durableOk)).isEqualTo(calls);
            assertThat(p.value("oidc_store_operations_total", volatileTags)).isEqualTo(calls);
        } finally {
            SharedMetricRegistries.drop(scope);
        }
    }

    @Test
    void onlyAMethodWithACommittedEventRegistersWithTheCommitHook() {
        String scope = "meter-table-" + UUID.randomUUID();
        try {
            AtomicInteger hooked = new AtomicInteger();
            CommitHook counting = action -> {
                hooked.incrementAndGet();
                action.run();
            };
            MeteredStores metered = new MeteredStores(MetricsSupport.forRegistry(SharedMetricRegistries.getOrCreate(scope)),
                    counting, SessionDurability.VOLATILE, TimerSampling.DEFAULT);
            var memory = MemoryStores.open();
            ConsumedJwtIdStore jtis = (ConsumedJwtIdStore) metered.wrap(ConsumedJwtIdStore.class,
                    StoreKind.CONSUMED_JWT_IDS, new MetricTags("consumed-jwt-ids", "volatile", "memory"),
                    memory.consumedJwtIds());
            SessionStore sessions = (SessionStore) metered.wrap(SessionStore.class, StoreKind.SESSIONS,
                    new MetricTags("sessions", "volatile", "memory"), memory.sessions());
            for (int i = 0; i < 10; i++) {
                jtis.mark("jti-" + i, Instant.now().plusSeconds(60));
                assertThat(sessions.find("sid-" + i)).isEmpty();
            }
            assertThat(hooked).as("mark and find declare no COMMITTED event").hasValue(0);
            assertThat(sessions.deleteBySubject("sub-1")).isZero();
            assertThat(sessions.deleteBySubject("sub-2")).isZero();
            assertThat(hooked).as("deleteBySubject counts at commit").hasValue(2);

            PrometheusText p = new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
            Map<String, String> sessionTags = Map.of("kind", "sessions", "tier", "volatile", "backend", "memory");
            assertThat(p.value("oidc_store_sessions_signed_out_total", sessionTags)).isEqualTo(2);
            Map<String, String> found = new HashMap<>(sessionTags);
            found.putAll(Map.of("operation", "find", "outcome", "absent", "posture", "volatile"));
            assertThat(p.value("oidc_store_session_operations_total", found)).isEqualTo(10);
        } finally {
            SharedMetricRegistries.drop(scope);
        }
    }
}
