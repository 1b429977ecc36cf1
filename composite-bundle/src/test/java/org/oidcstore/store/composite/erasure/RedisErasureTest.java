package org.oidcstore.store.composite.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.metrics.PrometheusText;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.testsupport.OwnRedisServer;
import org.oidcstore.store.tier.StoreTier;

/**
 * The failure direction of {@code eraseSubject} with a volatile tier that is really down: a
 * composite over JPA (H2) and a Redis server of the test's own, stopped after seeding (its data
 * saved, so it comes back with the records). The first call erases the durable part and raises
 * {@link StoreUnavailableException}; with Redis back a second call finishes; a third erases nothing.
 */
class RedisErasureTest {
    private final String scope = "erase-redis-" + UUID.randomUUID();

    @AfterEach
    void drop() {
        SharedMetricRegistries.drop(scope);
    }

    @Test
    void aStoppedVolatileTierRaisesAfterTheDurablePartCommittedAndASecondCallFinishes() throws Exception {
        Path data = Path.of("target", "erase-redis-" + UUID.randomUUID());
        var jpa = HotColdStores.durable();
        try (OwnRedisServer redis = OwnRedisServer.start(data);
                RedisStore volatileTier = RedisStores.open(RedisSettings.builder()
                        .standalone(URI.create("redis://127.0.0.1:" + redis.port())).password(OwnRedisServer.PASSWORD)
                        .devModeAllowPlaintext(true).timeout(Duration.ofSeconds(1)).secretPepper(HotColdStores.PEPPER)
                        .keyPrefix("oidctest:erase:").build(), HotColdStores.clock())) {
            CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                    .withTier(StoreTier.VOLATILE, volatileTier).sessionDurability(SessionDurability.VOLATILE)
                    .metricRegistry(SharedMetricRegistries.getOrCreate(scope)).build();
            Samples samples = new Samples(HotColdStores.clock());
            ErasureSeed seed = ErasureSeed.write(store, samples, "sub-redis-erase");
            ErasureSeed kept = ErasureSeed.write(store, samples, "sub-redis-keep");
            redis.admin().save();
            redis.stop();

            assertThatThrownBy(() -> store.eraseSubject(seed.subject())).isInstanceOf(StoreUnavailableException.class);
            seed.assertDurable(store, false); // committed before the volatile tier was tried
            kept.assertDurable(store, true);
            assertThat(scrape().value("oidc_store_subject_erasures_total", Map.of())).isZero();
            assertThat(scrape().value("oidc_store_erased_records_total", Map.of("kind", "grants"))).isEqualTo(1.0);

            redis.startProcess();
            seed.assertVolatile(store, true); // back, with the records the first call could not reach
            seed.assertSessions(store, true);

            Map<StoreKind, Integer> volatileOnly = new EnumMap<>(ErasureSeed.zeros());
            volatileOnly.put(StoreKind.SESSIONS, 2);
            volatileOnly.put(StoreKind.INTERACTIONS, 1);
            volatileOnly.put(StoreKind.DEVICE_AUTHORIZATIONS, 1);
            volatileOnly.put(StoreKind.CIBA_REQUESTS, 1);
            assertThat(store.eraseSubject(seed.subject()).counts()).isEqualTo(volatileOnly);
            seed.assertVolatile(store, false);
            seed.assertSessions(store, false);
            assertThat(store.eraseSubject(seed.subject()).counts()).isEqualTo(ErasureSeed.zeros());
            kept.assertAllPresent(store);

            PrometheusText scrape = scrape();
            assertThat(scrape.value("oidc_store_subject_erasures_total", Map.of())).isEqualTo(2.0);
            assertThat(scrape.value("oidc_store_erased_records_total",
                    Map.of("kind", "sessions", "tier", "volatile", "backend", "redis"))).isEqualTo(2.0);
            assertThat(scrape.value("oidc_store_erased_records_total",
                    Map.of("kind", "refresh-tokens", "tier", "durable", "backend", "jpa"))).isEqualTo(2.0);
            assertThat(scrape.toString()).doesNotContain("sub-redis");
        }
    }

    private PrometheusText scrape() {
        return new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
    }
}
