package org.oidcstore.store.composite;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.Callable;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.tier.StoreTier;

/**
 * What a plain Java SE / OSGi user does with the composite, run by {@link OptionalApisTest} in a
 * class loader that has neither CDI, JTA, MicroProfile Config nor MicroProfile Metrics. Uses no test
 * library: it reports what it saw as text.
 */
public final class IsolatedUse implements Callable<String> {
    @Override
    public String call() {
        StringBuilder seen = new StringBuilder();
        for (String api : new String[] {"org.eclipse.microprofile.metrics.MetricRegistry",
                "jakarta.transaction.TransactionSynchronizationRegistry", "jakarta.enterprise.inject.spi.Extension",
                "org.eclipse.microprofile.config.ConfigProvider", "io.micrometer.core.instrument.MeterRegistry"}) {
            try {
                Class.forName(api);
                seen.append("present:").append(api).append(';');
            } catch (ClassNotFoundException e) {
                seen.append("absent;");
            }
        }
        var durableKinds = EnumSet.allOf(StoreKind.class);
        durableKinds.removeAll(EnumSet.of(StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS,
                StoreKind.PUSHED_AUTHORIZATION_REQUESTS));
        CompositeStore store = CompositeStores.builder()
                .withTier(StoreTier.DURABLE, FakeStore.of("tx", true, durableKinds))
                .withTier(StoreTier.VOLATILE, MemoryStores.open())
                .metricRegistry(new Object()) // no metrics API here: metrics are simply off
                .build();
        store.consumedJwtIds().mark("dpop:k:1", Instant.now().plusSeconds(60));
        seen.append("marked=").append(store.consumedJwtIds().isMarked("dpop:k:1")).append(';');
        seen.append("interactions=").append(store.routingTable().get(StoreKind.INTERACTIONS).backend()).append(';');
        seen.append("declared=").append(CompositeStores.staticClients(Map.of(
                "oidc.store.static-clients.cli.secret", "x-secret-123", "oidc.store.static-clients.cli.grant-types",
                "client_credentials")).size());
        return seen.toString();
    }
}
