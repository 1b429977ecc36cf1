package org.oidcstore.store.composite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.BundleManifests;

class CompositeBundleManifestTest {

    @Test
    void theBundleExportsOnlyItsApiPackage() {
        BundleManifests.assertBundle("org.oidcstore.store.composite", "org.oidcstore.store.composite");
    }

    /** The builder must resolve in plain OSGi: CDI, JTA and MicroProfile are optional imports. */
    @Test
    void containerApisAreOptionalImports() {
        List<String> imports = BundleManifests.clauses(BundleManifests.generated().getMainAttributes()
                .getValue("Import-Package"));
        assertThat(imports).filteredOn(c -> c.startsWith("jakarta.") || c.startsWith("org.eclipse.microprofile"))
                .isNotEmpty().allMatch(c -> c.contains("resolution:=optional"));
        assertThat(imports).filteredOn(c -> c.startsWith("org.oidcstore.store"))
                .noneMatch(c -> c.contains("resolution:=optional"));
        assertThat(BundleManifests.packages(BundleManifests.generated().getMainAttributes().getValue("Import-Package")))
                .contains("org.eclipse.microprofile.metrics", "jakarta.transaction", "jakarta.enterprise.inject.spi");
    }
}
