package org.oidcstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.BundleManifests;

/** The API bundle exports its three packages, versioned, and nothing else. */
class ApiBundleManifestTest {
    @Test
    void theBundleExportsTheApiTierAndSpiPackagesWithVersions() {
        BundleManifests.assertBundle("org.oidcstore.store.api", "org.oidcstore.store", "org.oidcstore.store.tier",
                "org.oidcstore.store.spi");
        var a = BundleManifests.generated().getMainAttributes();
        assertThat(a.getValue("Export-Package")).contains("org.oidcstore.store;version=\"1.5.0\"",
                "org.oidcstore.store.tier;version=\"1.0.0\"", "org.oidcstore.store.spi;version=\"1.4.0\"");
        assertThat(a.getValue("Import-Package")).contains("jakarta.inject;version=\"[2.0,3)\"");
    }
}
