package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.tck.BundleManifests;

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
    void theJarCarriesNoPersistenceXmlButTheMigrationsForEveryDialect() {
        Path classes = Path.of("target", "classes");
        assertThat(classes.resolve("META-INF/persistence.xml")).doesNotExist();
        assertThat(classes.resolve("META-INF/beans.xml")).exists();
        for (String dialect : new String[] {"h2", "mariadb", "mysql", "postgresql"}) {
            assertThat(classes.resolve("db/oidcstore/" + dialect + "/V1__oidc_store_schema.sql")).exists();
        }
    }
}
