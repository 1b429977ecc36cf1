package org.oidcstore.store.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;

/**
 * Checks the OSGi manifest that bnd wrote into {@code target/classes}: a bundle exports exactly
 * its API packages, never an {@code internal} one, each with a version, and imports with ranges.
 * Every bundle's manifest test uses it (test scope); it is no behaviour contract, so it lives here
 * rather than in the TCK.
 */
public final class BundleManifests {
    private BundleManifests() {
    }

    /** The manifest bnd generated for the module under test ({@code target/classes/META-INF/MANIFEST.MF}). */
    public static Manifest generated() {
        Path p = Path.of("target", "classes", "META-INF", "MANIFEST.MF");
        assertThat(p).as("bnd must have written the bundle manifest (process-classes)").exists();
        try (InputStream in = Files.newInputStream(p)) {
            return new Manifest(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clauses of an OSGi header, split on commas outside quotes. */
    public static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(clause.toString().trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        if (!clause.isEmpty()) {
            out.add(clause.toString().trim());
        }
        return out;
    }

    /** The package names of an OSGi header such as {@code Export-Package}, attributes dropped. */
    public static List<String> packages(String header) {
        return clauses(header).stream().map(c -> c.split(";")[0].trim()).toList();
    }

    /**
     * Asserts, of the manifest bnd generated for the module under test, the symbolic name and that
     * {@code Export-Package} is exactly {@code exports}, each with a {@code version}, none
     * {@code internal}; and that every import of an {@code org.oidcstore} package carries a version
     * range.
     */
    public static void assertBundle(String symbolicName, String... exports) {
        assertBundle(generated(), symbolicName, exports);
    }

    /** {@link #assertBundle(String, String...)} of a given manifest. */
    public static void assertBundle(Manifest manifest, String symbolicName, String... exports) {
        var attrs = manifest.getMainAttributes();
        assertThat(attrs.getValue("Bundle-SymbolicName")).isEqualTo(symbolicName);
        String exportHeader = attrs.getValue("Export-Package");
        assertThat(packages(exportHeader)).containsExactlyInAnyOrder(exports);
        assertThat(packages(exportHeader)).noneMatch(p -> p.contains("internal"));
        for (String clause : clauses(exportHeader)) {
            assertThat(clause).as("export clause carries a version").contains("version=");
        }
        for (String clause : clauses(attrs.getValue("Import-Package"))) {
            if (clause.startsWith("org.oidcstore")) {
                assertThat(clause).as("import of our own API is ranged").contains("version=\"[");
            }
        }
    }
}
