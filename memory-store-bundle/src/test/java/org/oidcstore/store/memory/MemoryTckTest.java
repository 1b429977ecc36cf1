package org.oidcstore.store.memory;

import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.VolatileTierSuite;

/** The memory tier runs every contract of a volatile tier. */
class MemoryTckTest extends VolatileTierSuite {
    @Override
    protected StoreFixture newFixture() {
        return new MemoryFixture();
    }
}
