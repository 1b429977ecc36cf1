package org.oidcstore.store.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The manifest checks pass a well-formed bundle manifest and fail each way a bundle can leak or drift. */
class BundleManifestsTest {

    private static final String EXPORTS = "org.oidcstore.store.memory;version=\"1.0.0\";uses:=\"org.oidcstore.store,"
            + "org.oidcstore.store.spi\"";
    private static final String IMPORTS = "jakarta.inject;version=\"[2.0,3)\";resolution:=optional,"
            + "org.oidcstore.store;version=\"[1.0,2)\",org.oidcstore.store.spi;version=\"[1.0,2)\"";

    /** A manifest with these main attributes (one header per line, already wrapped as a manifest is not). */
    private static Manifest manifest(String symbolicName, String exports, String imports) {
        StringBuilder text = new StringBuilder("Manifest-Version: 1.0\nBundle-SymbolicName: ").append(symbolicName)
                .append('\n');
        if (exports != null) {
            text.append("Export-Package: ").append(exports).append('\n');
        }
        text.append("Import-Package: ").append(imports).append('\n');
        try {
            return new Manifest(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void clausesSplitOnCommasOutsideQuotesOnly() {
        assertThat(BundleManifests.clauses(EXPORTS + ",org.oidcstore.store.memory.x;version=\"1.0.0\""))
                .containsExactly(EXPORTS, "org.oidcstore.store.memory.x;version=\"1.0.0\"");
        assertThat(BundleManifests.packages(IMPORTS)).containsExactly("jakarta.inject", "org.oidcstore.store",
                "org.oidcstore.store.spi");
        assertThat(BundleManifests.clauses(null)).isEmpty();
    }

    @Test
    void aBundleExportingExactlyItsVersionedApiWithRangedImportsPasses() {
        BundleManifests.assertBundle(manifest("org.oidcstore.store.memory", EXPORTS, IMPORTS),
                "org.oidcstore.store.memory", "org.oidcstore.store.memory");
        BundleManifests.assertBundle(manifest("org.oidcstore.store.osgi", null, IMPORTS), "org.oidcstore.store.osgi");
    }

    @Test
    void anotherSymbolicNameFails() {
        assertThatThrownBy(() -> BundleManifests.assertBundle(manifest("org.oidcstore.store.other", EXPORTS, IMPORTS),
                "org.oidcstore.store.memory", "org.oidcstore.store.memory")).isInstanceOf(AssertionError.class);
    }

    @Test
    void anExportedInternalPackageFails() {
        String leaking = EXPORTS + ",org.oidcstore.store.memory.internal;version=\"1.0.0\"";
        assertThatThrownBy(() -> BundleManifests.assertBundle(manifest("b", leaking, IMPORTS), "b",
                "org.oidcstore.store.memory", "org.oidcstore.store.memory.internal"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("internal");
    }

    @Test
    void aMissingOrExtraExportFails() {
        assertThatThrownBy(() -> BundleManifests.assertBundle(manifest("b", EXPORTS, IMPORTS), "b"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> BundleManifests.assertBundle(manifest("b", EXPORTS, IMPORTS), "b",
                "org.oidcstore.store.memory", "org.oidcstore.store.memory.more")).isInstanceOf(AssertionError.class);
    }

    @Test
    void anUnversionedExportFails() {
        assertThatThrownBy(() -> BundleManifests.assertBundle(manifest("b", "org.oidcstore.store.memory", IMPORTS),
                "b", "org.oidcstore.store.memory")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("carries a version");
    }

    @Test
    void anUnrangedImportOfOurOwnApiFails() {
        String unranged = "org.oidcstore.store;version=\"1.0\"";
        assertThatThrownBy(() -> BundleManifests.assertBundle(manifest("b", EXPORTS, unranged), "b",
                "org.oidcstore.store.memory")).isInstanceOf(AssertionError.class).hasMessageContaining("ranged");
    }
}
