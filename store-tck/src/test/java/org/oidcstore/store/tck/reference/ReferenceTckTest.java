package org.oidcstore.store.tck.reference;

import org.oidcstore.store.tck.AllKindsSuite;
import org.oidcstore.store.tck.StoreFixture;

/**
 * The TCK tests itself: every contract of {@code AllKindsSuite} on the reference backend, so a
 * contract that no correct backend can pass fails the TCK's own build, without a database.
 */
class ReferenceTckTest extends AllKindsSuite {
    @Override
    protected StoreFixture newFixture() {
        return ReferenceFixture.allKinds();
    }
}
