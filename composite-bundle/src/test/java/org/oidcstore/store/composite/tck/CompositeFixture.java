package org.oidcstore.store.composite.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.memory.internal.MemoryOidcStore;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.Transactions;
import org.oidcstore.store.tier.StoreTier;

/**
 * The composite in the default hot/cold split (H2 JPA durable tier, memory volatile tier), built
 * by tier like a CDI deployment, with metrics recorded, so every call of the TCK also goes through
 * the metering wrapper. What it persisted is the union of both tiers.
 */
public final class CompositeFixture implements StoreFixture {
    private final JpaStore durable;
    private final MemoryOidcStore memory;
    private final CompositeStore store;

    public CompositeFixture(MetricRegistry registry) {
        this.durable = HotColdStores.durable();
        this.memory = HotColdStores.volatileTier();
        this.store = CompositeStore.builder().withTier(StoreTier.DURABLE, durable)
                .withTier(StoreTier.VOLATILE, memory).metricRegistry(registry).build();
    }

    @Override
    public OidcStore store() {
        return store;
    }

    public CompositeStore composite() {
        return store;
    }

    public JpaStore durable() {
        return durable;
    }

    @Override
    public MutableClock clock() {
        return HotColdStores.clock();
    }

    @Override
    public SecretDigest digest() {
        return HotColdStores.digest();
    }

    @Override
    public PersistedState persisted() {
        return () -> {
            List<String> all = new ArrayList<>(HotColdStores.rows());
            all.addAll(memory.dump());
            return all;
        };
    }

    @Override
    public Optional<Transactions> transactions() {
        return Optional.of(new JtaTransactions(durable.transactionManager()));
    }

    @Override
    public void close() {
        // the next fixture empties the durable tier; the memory tier is dropped with this fixture
    }
}
