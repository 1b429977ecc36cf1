package org.oidcstore.store.composite.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.memory.internal.MemoryAggregate;
import org.oidcstore.store.memory.internal.MemoryTierAccess;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.spi.ValueSize;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.TestPeppers;
import org.oidcstore.store.tck.Transactions;
import org.oidcstore.store.tier.StoreTier;

/**
 * The composite in the default hot/cold split (H2 JPA durable tier, memory volatile tier), built
 * by tier like a CDI deployment, with metrics recorded, so every call of the TCK also goes through
 * the metering wrapper. What it persisted is the union of both tiers.
 */
public final class CompositeFixture implements StoreFixture {
    private final JpaStore durable;
    private final MemoryAggregate memory;
    private final CompositeStore store;

    public CompositeFixture(MetricRegistry registry) {
        this.durable = HotColdStores.durable();
        this.memory = HotColdStores.volatileTier();
        this.store = CompositeStores.builder().withTier(StoreTier.DURABLE, durable)
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

    /** The limit of the volatile (memory) tier, which runs with the default {@code max-value-bytes}. */
    @Override
    public OptionalInt maxValueBytes() {
        return OptionalInt.of(ValueSize.DEFAULT_MAX_VALUE_BYTES);
    }

    /** Per kind, by the tier the composite routes it to: the durable tier has no limit. */
    @Override
    public OptionalInt maxValueBytes(StoreKind kind) {
        return store.routingTable().get(kind).tier() == StoreTier.VOLATILE ? maxValueBytes() : OptionalInt.empty();
    }

    /** The default allowance: neither tier reads {@code oidc.store.jwt-id-clock-skew} yet. */
    @Override
    public Duration jwtIdClockSkew() {
        return StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW;
    }

    @Override
    public void sweepExpired() {
        durable.gc().collect();
        MemoryTierAccess.sweep(memory);
    }

    /** The composite over a second H2 store on the same database and a memory tier over the same maps. */
    @Override
    public OidcStore reopen(SecretDigest other) {
        return CompositeStores.builder()
                .withTier(StoreTier.DURABLE, HotColdStores.reopenedDurable(TestPeppers.configValue(other)))
                .withTier(StoreTier.VOLATILE, MemoryTierAccess.reopen(memory, other)).build();
    }

    @Override
    public void close() {
        // the next fixture empties the durable tier; the memory tier is dropped with this fixture
    }
}
