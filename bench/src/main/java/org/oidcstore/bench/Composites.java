package org.oidcstore.bench;

import io.smallrye.metrics.SharedMetricRegistries;
import java.util.UUID;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.tier.StoreTier;

/**
 * The composites the cases compare with direct calls: routing only (no metric registry given),
 * and routing + metrics (a MicroProfile Metrics registry, as in a CDI deployment with SmallRye
 * Metrics), which is the composite a server runs.
 */
final class Composites {
    private Composites() {
    }

    static CompositeStore routingOnly(OidcStore durable, OidcStore volatileTier) {
        return CompositeStore.builder().withTier(StoreTier.DURABLE, durable).withTier(StoreTier.VOLATILE, volatileTier)
                .build();
    }

    static CompositeStore withMetrics(OidcStore durable, OidcStore volatileTier) {
        return CompositeStore.builder().withTier(StoreTier.DURABLE, durable).withTier(StoreTier.VOLATILE, volatileTier)
                .metricRegistry(SharedMetricRegistries.getOrCreate("bench-" + UUID.randomUUID())).build();
    }
}
