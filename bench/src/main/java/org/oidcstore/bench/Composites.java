package org.oidcstore.bench;

import io.smallrye.metrics.SharedMetricRegistries;
import java.util.Map;
import java.util.UUID;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tier.StoreTier;

/**
 * The composites the cases compare with direct calls: routing only (no metric registry given),
 * and routing + metrics (a MicroProfile Metrics registry, as in a CDI deployment with SmallRye
 * Metrics), which is the composite a server runs. The benchmarks compare routing with direct calls
 * on the same stores, whose digests are unpeppered (the same cost on both sides): the composite is
 * told so by name, as a development setup would be.
 */
final class Composites {
    private static final Map<String, String> UNPEPPERED = Map.of(StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "true");

    private Composites() {
    }

    static CompositeStore routingOnly(OidcStore durable, OidcStore volatileTier) {
        return CompositeStores.builder().withTier(StoreTier.DURABLE, durable).withTier(StoreTier.VOLATILE, volatileTier)
                .config(UNPEPPERED).build();
    }

    static CompositeStore withMetrics(OidcStore durable, OidcStore volatileTier) {
        return CompositeStores.builder().withTier(StoreTier.DURABLE, durable).withTier(StoreTier.VOLATILE, volatileTier)
                .config(UNPEPPERED).metricRegistry(SharedMetricRegistries.getOrCreate("bench-" + UUID.randomUUID()))
                .build();
    }
}
