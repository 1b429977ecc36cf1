package org.oidcstore.store.composite;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.BundleManifests;

class CompositeBundleManifestTest {

    @Test
    void theBundleExportsOnlyItsApiPackage() {
        BundleManifests.assertBundle("org.oidcstore.store.composite", "org.oidcstore.store.composite");
    }

    /**
     * The exported package holds what applications touch and nothing else (issue #14): the
     * composite, its builder, the routing table's line, the posture, static clients, the key names.
     * The version is the major that dropped the validator's types from it.
     */
    @Test
    void theExportedPackageHoldsOnlyTheSevenTypesApplicationsUse() throws Exception {
        Set<String> exported = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("target/classes/org/oidcstore/store/composite"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                if (!name.contains("$") && !name.equals("package-info")
                        && Modifier.isPublic(Class.forName("org.oidcstore.store.composite." + name).getModifiers())) {
                    exported.add(name);
                }
            }
        }
        assertThat(exported).containsExactly("CompositeKeys", "CompositeStore", "CompositeStores", "Route",
                "SessionDurability", "StaticClient", "StaticClientDeclaration");
        assertThat(BundleManifests.generated().getMainAttributes().getValue("Export-Package"))
                .contains("org.oidcstore.store.composite;version=\"2.0.0\"");
    }

    /** The builder must resolve in plain OSGi: CDI, JTA and MicroProfile are optional imports. */
    @Test
    void containerApisAreOptionalImports() {
        List<String> imports = BundleManifests.clauses(BundleManifests.generated().getMainAttributes()
                .getValue("Import-Package"));
        assertThat(imports).filteredOn(c -> c.startsWith("jakarta.") || c.startsWith("org.eclipse.microprofile")
                || c.startsWith("io.micrometer"))
                .isNotEmpty().allMatch(c -> c.contains("resolution:=optional"));
        assertThat(imports).filteredOn(c -> c.startsWith("org.oidcstore.store"))
                .noneMatch(c -> c.contains("resolution:=optional"));
        assertThat(BundleManifests.packages(BundleManifests.generated().getMainAttributes().getValue("Import-Package")))
                .contains("org.eclipse.microprofile.metrics", "io.micrometer.core.instrument", "jakarta.transaction",
                        "jakarta.enterprise.inject.spi");
    }
}
