package org.oidcstore.store.jpa.scaleout;

import org.junit.jupiter.api.Tag;
import org.oidcstore.store.tck.AllKindsSuite;
import org.oidcstore.store.tck.StoreFixture;

/**
 * The full TCK on a three-node MariaDB Galera cluster, the stores of each test on different nodes
 * (see {@link GaleraFixture}): every race of the TCK is a race between two database nodes, resolved
 * by Galera's certification at commit. Runs under {@code -Pscale-out}.
 */
@Tag("scale-out")
class GaleraTckTest extends AllKindsSuite {
    @Override
    protected StoreFixture newFixture() {
        return new GaleraFixture();
    }
}
