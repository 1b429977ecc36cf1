package org.oidcstore.store.tck;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SecretDigest;

/**
 * The peppers of the pepper-rotation cases: two fixed 32-byte test values (never secrets), the
 * digests of lists of them, and the {@code oidc.store.secret-pepper} value of such a digest, so
 * that a fixture whose backend is configured by text can {@link StoreFixture#reopen} with it.
 */
public final class TestPeppers {
    /** The pepper being retired (base64). */
    public static final String A = base64("oidc-store tck pepper A, 32 bytes");
    /** The new pepper (base64). */
    public static final String B = base64("oidc-store tck pepper B, 32 bytes");

    private static final List<List<String>> KNOWN = List.of(List.of(A), List.of(B), List.of(B, A), List.of(A, B));

    private TestPeppers() {
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The digest a store configured with these peppers (newest first) uses. */
    public static SecretDigest digest(String... newestFirst) {
        return SecretDigest.fromConfig(Optional.of(String.join(",", newestFirst)));
    }

    /**
     * The {@code oidc.store.secret-pepper} value that configures a digest built by {@link #digest}
     * (recognised by what it computes, newest pepper first).
     *
     * @throws IllegalArgumentException for any other digest
     */
    public static String configValue(SecretDigest digest) {
        for (List<String> peppers : KNOWN) {
            if (sameDigests(digest, digest(peppers.toArray(String[]::new)))) {
                return String.join(",", peppers);
            }
        }
        throw new IllegalArgumentException("not a digest of TestPeppers: " + digest);
    }

    private static boolean sameDigests(SecretDigest x, SecretDigest y) {
        return x.digests(StoreKind.CONSUMED_JWT_IDS, "probe").equals(y.digests(StoreKind.CONSUMED_JWT_IDS, "probe"));
    }
}
