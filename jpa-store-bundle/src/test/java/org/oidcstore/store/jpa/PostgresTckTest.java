package org.oidcstore.store.jpa;

import org.oidcstore.store.tck.AllKindsSuite;
import org.oidcstore.store.tck.StoreFixture;

/** The full TCK (every kind, the transactional cluster, the races) on Postgres. */
class PostgresTckTest extends AllKindsSuite {
    @Override
    protected StoreFixture newFixture() {
        return TestStores.fixture(Engine.POSTGRESQL);
    }
}
