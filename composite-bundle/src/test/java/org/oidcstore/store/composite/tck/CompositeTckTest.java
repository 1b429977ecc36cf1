package org.oidcstore.store.composite.tck;

import io.smallrye.metrics.SharedMetricRegistries;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.oidcstore.store.tck.AllKindsSuite;
import org.oidcstore.store.tck.StoreFixture;

/**
 * The whole TCK through the composite: volatile kinds on the memory tier, everything else on an H2
 * JPA tier (the default hot/cold split), every call metered into a SmallRye MetricRegistry.
 */
class CompositeTckTest extends AllKindsSuite {
    private static final MetricRegistry REGISTRY = SharedMetricRegistries.getOrCreate(MetricRegistry.APPLICATION_SCOPE);

    @Override
    protected StoreFixture newFixture() {
        return new CompositeFixture(REGISTRY);
    }
}
