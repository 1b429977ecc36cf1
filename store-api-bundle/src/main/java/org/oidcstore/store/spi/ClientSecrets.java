package org.oidcstore.store.spi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and verifies client secrets in modular-crypt form:
 * {@code $pbkdf2-sha256$i=<iterations>$<salt>$<hash>} (PBKDF2-HMAC-SHA256, 16-byte random salt,
 * 32-byte output, unpadded base64url). This is the only secret form a {@code Client} record
 * accepts besides other {@code $scheme$} hashes a provider brings itself.
 *
 * <p>PBKDF2 rather than a fast digest because statically configured secrets may be chosen by
 * people; the iteration count is a trade-off against token-endpoint latency, hence configurable.
 */
public final class ClientSecrets {

    /** Default PBKDF2 iterations: OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600,000; we default
     * lower because the hash is checked on every client authentication, and secrets issued by
     * registration are random 256-bit values for which the work factor adds nothing. */
    public static final int DEFAULT_ITERATIONS = 210_000;

    /**
     * Most PBKDF2 iterations {@link #verify} will compute (about half a second of CPU here). A hash
     * claiming more is refused at once: the count is read from stored data, and whoever can write
     * a hash with {@code i=50000000} would otherwise make every authentication of that client cost
     * seconds of CPU (a denial of service).
     */
    public static final int MAX_ITERATIONS = 2_000_000;

    private static final String PREFIX = "$pbkdf2-sha256$i=";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private ClientSecrets() {
    }

    /** Hashes {@code secret} with {@link #DEFAULT_ITERATIONS}. */
    public static String hash(String secret) {
        return hash(secret, DEFAULT_ITERATIONS);
    }

    public static String hash(String secret, int iterations) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a client secret must not be empty");
        }
        if (iterations < 1_000 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between 1000 and " + MAX_ITERATIONS);
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PREFIX + iterations + '$' + ENC.encodeToString(salt) + '$'
                + ENC.encodeToString(pbkdf2(secret, salt, iterations));
    }

    /** Whether {@code hash} was produced by {@link #hash} (and could be verified here). */
    public static boolean isHash(String hash) {
        return hash != null && hash.startsWith(PREFIX) && hash.split("\\$").length == 5;
    }

    /**
     * Verifies {@code secret} against {@code hash} in constant time (in the hash length).
     *
     * @return {@code false} for a wrong secret, a hash not in this format, or one claiming more
     *     than {@link #MAX_ITERATIONS} iterations (at once, without computing it)
     */
    public static boolean verify(String secret, String hash) {
        if (secret == null || !isHash(hash)) {
            return false;
        }
        String[] parts = hash.split("\\$");
        try {
            int iterations = Integer.parseInt(parts[2].substring(2));
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                return false;
            }
            byte[] salt = DEC.decode(parts[3]);
            byte[] expected = DEC.decode(parts[4]);
            return MessageDigest.isEqual(expected, pbkdf2(secret, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A fresh random secret (256 bits, base64url), for registration endpoints. */
    public static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return new String(ENC.encode(b), StandardCharsets.US_ASCII);
    }
}
