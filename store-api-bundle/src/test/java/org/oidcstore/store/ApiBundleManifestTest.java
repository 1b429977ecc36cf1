package org.oidcstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The API bundle exports its three packages, versioned, and nothing else. */
class ApiBundleManifestTest {
    @Test
    void theBundleExportsTheApiTierAndSpiPackagesWithVersions() throws Exception {
        Manifest m;
        try (var in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            m = new Manifest(in);
        }
        var a = m.getMainAttributes();
        assertThat(a.getValue("Bundle-SymbolicName")).isEqualTo("org.oidcstore.store.api");
        String exports = a.getValue("Export-Package");
        assertThat(exports).contains("org.oidcstore.store;version=\"1.0.0\"",
                "org.oidcstore.store.tier;version=\"1.0.0\"", "org.oidcstore.store.spi;version=\"1.0.0\"");
        // clause separators are the commas outside quoted "uses" lists
        String[] clauses = exports.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        assertThat(clauses).hasSize(3).noneMatch(c -> c.contains("internal"));
        assertThat(a.getValue("Import-Package")).contains("jakarta.inject;version=\"[2.0,3)\"");
    }
}
