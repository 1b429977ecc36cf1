package org.oidcstore.store.memory;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.BundleManifests;

class MemoryBundleManifestTest {
    @Test
    void theBundleExportsOnlyItsApiPackage() {
        BundleManifests.assertBundle("org.oidcstore.store.memory", "org.oidcstore.store.memory");
    }
}
