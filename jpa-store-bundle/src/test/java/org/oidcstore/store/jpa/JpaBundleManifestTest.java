package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.testsupport.BundleManifests;

class JpaBundleManifestTest {

    @Test
    void theBundleExportsOnlyItsApiPackage() {
        BundleManifests.assertBundle("org.oidcstore.store.jpa", "org.oidcstore.store.jpa");
        String imports = BundleManifests.generated().getMainAttributes().getValue("Import-Package");
        assertThat(BundleManifests.clauses(imports)).filteredOn(c -> c.startsWith("com.arjuna")
                || c.startsWith("io.agroal")).allMatch(c -> c.contains("resolution:=optional"));
    }

    @Test
    void theBundleImportsNoFlywayPackageBecauseFlywayIsRelocatedIntoTheJar() {
        String imports = BundleManifests.generated().getMainAttributes().getValue("Import-Package");
        assertThat(BundleManifests.clauses(imports)).isNotEmpty().noneMatch(c -> c.startsWith("org.flywaydb"));
    }

    @Test
    void inOsgiTheUsersJdbcDriverIsFoundThroughADynamicImportOfItsPackage() {
        // the pool and Flyway load the driver class by name from this bundle's class loader; in
        // Karaf the driver is another bundle, wired when first loaded (features/README.md)
        String dynamic = BundleManifests.generated().getMainAttributes().getValue("DynamicImport-Package");
        assertThat(dynamic).as("DynamicImport-Package").isNotNull();
        assertThat(BundleManifests.packages(dynamic)).containsExactlyInAnyOrder("org.h2", "org.mariadb.jdbc",
                "org.postgresql", "com.mysql.cj.jdbc");
    }

    @Test
    void flywayFindsTheMigrationsInsideTheBundleThroughAnOptionalImportOfTheFramework() {
        // Flyway scans bundle:// locations only when org.osgi.framework is visible to its class loader
        String imports = BundleManifests.generated().getMainAttributes().getValue("Import-Package");
        assertThat(BundleManifests.clauses(imports)).anyMatch(c -> c.startsWith("org.osgi.framework;")
                && c.contains("resolution:=optional"));
    }

    @Test
    void theJarCarriesNoPersistenceXmlButTheMigrationsForEveryDialect() {
        Path classes = Path.of("target", "classes");
        assertThat(classes.resolve("META-INF/persistence.xml")).doesNotExist();
        assertThat(classes.resolve("META-INF/beans.xml")).exists();
        for (String dialect : new String[] {"h2", "mariadb", "mysql", "postgresql"}) {
            assertThat(classes.resolve("db/oidcstore/" + dialect + "/V1__oidc_store_schema.sql")).exists();
        }
    }
}
