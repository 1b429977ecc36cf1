package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.BundleManifests;

/** The bnd manifest: symbolic name, only the API package exported, internal kept private. */
class ManifestTest {
    @Test
    void theBundleExportsOnlyItsApiPackage() {
        BundleManifests.assertBundle("org.oidcstore.store.redis", "org.oidcstore.store.redis");
        var attrs = BundleManifests.generated().getMainAttributes();
        assertThat(attrs.getValue("Export-Package")).doesNotContain("internal");
        assertThat(BundleManifests.packages(attrs.getValue("Import-Package")))
                .contains("redis.clients.jedis", "org.oidcstore.store", "org.oidcstore.store.spi");
    }
}
