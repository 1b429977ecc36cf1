package org.oidcstore.store.osgi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.BundleManifests;

/** The bnd manifest: a Declarative Services bundle that exports nothing and needs the durable tier only optionally. */
class OsgiServiceBundleManifestTest {

    @Test
    void theBundleExportsNothingAndImportsOurBundlesWithRanges() {
        BundleManifests.assertBundle("org.oidcstore.store.osgi");
        assertThat(BundleManifests.generated().getMainAttributes().getValue("Export-Package")).isNull();
    }

    @Test
    void itsComponentsAreDeclaredForDeclarativeServicesAndPresentInTheJar() {
        String components = BundleManifests.generated().getMainAttributes().getValue("Service-Component");
        assertThat(BundleManifests.clauses(components)).isNotEmpty()
                .allSatisfy(xml -> assertThat(Path.of("target", "classes").resolve(xml)).exists());
    }

    /** The feature oidc-store-service runs the volatile kinds without the JPA bundle and Narayana (features/README.md). */
    @Test
    void theDurableTierAndItsTransactionManagerAreOptionalImports() {
        String imports = BundleManifests.generated().getMainAttributes().getValue("Import-Package");
        assertThat(BundleManifests.clauses(imports))
                .filteredOn(c -> c.startsWith("org.oidcstore.store.jpa;") || c.startsWith("com.arjuna.")
                        || c.startsWith("jakarta.transaction;"))
                .isNotEmpty().allMatch(c -> c.contains("resolution:=optional"));
    }
}
