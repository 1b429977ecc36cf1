package org.oidcstore.store.spi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;

/**
 * The one digest every backend uses for bearer secrets (codes, refresh tokens, opaque access
 * tokens, PAR request URIs, JWT IDs): HMAC-SHA-256 keyed with the configured pepper
 * ({@code oidc.store.secret-pepper}), or plain SHA-256 when no pepper is configured.
 *
 * <p>The input is domain-separated by kind ({@code <kind config name> NUL <secret>}), so a digest
 * computed for one substore never matches in another. The output is unpadded base64url (43
 * characters). It is a storage format: changing the pepper makes every stored token unreachable
 * (all sessions and tokens are then effectively revoked, which is the right failure direction).
 *
 * <p>A pepper keeps a leaked database useless to an attacker without the key: the tokens cannot be
 * checked offline. Keep it out of the database (environment, secret store).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SecretDigest {

    /** Minimum pepper length: 32 bytes, the HMAC-SHA-256 block-safe key size (RFC 2104 §3). */
    public static final int MIN_PEPPER_BYTES = 32;

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    private SecretDigest(byte[] pepper) {
        this.key = pepper == null ? null : new SecretKeySpec(pepper, HMAC);
        this.macs = key == null ? null : ThreadLocal.withInitial(this::newMac);
    }

    /** HMAC-SHA-256 keyed with {@code pepper} (at least {@link #MIN_PEPPER_BYTES} bytes). */
    public static SecretDigest peppered(byte[] pepper) {
        Objects.requireNonNull(pepper, "pepper");
        if (pepper.length < MIN_PEPPER_BYTES) {
            throw new StoreConfigurationException("OIDCS-1010 the secret pepper is " + pepper.length
                    + " bytes; use at least " + MIN_PEPPER_BYTES + " random bytes, e.g. `openssl rand -base64 32`");
        }
        return new SecretDigest(pepper.clone());
    }

    /** Plain SHA-256, for deployments without a pepper. */
    public static SecretDigest unpeppered() {
        return new SecretDigest(null);
    }

    /**
     * From the configuration value of {@code oidc.store.secret-pepper} (standard or URL-safe
     * base64); empty means unpeppered. The message of a bad value never repeats the value.
     *
     * @throws StoreConfigurationException when the value is not base64 or too short
     */
    public static SecretDigest fromConfig(Optional<String> base64Pepper) {
        if (base64Pepper.isEmpty() || base64Pepper.get().isBlank()) {
            return unpeppered();
        }
        String v = base64Pepper.get().trim();
        byte[] pepper;
        try {
            pepper = v.indexOf('-') >= 0 || v.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(v) : Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw new StoreConfigurationException("OIDCS-1011 oidc.store.secret-pepper is not valid base64;"
                    + " generate one with `openssl rand -base64 32`");
        }
        return peppered(pepper);
    }

    /** Whether a pepper is in use. */
    public boolean isPeppered() {
        return key != null;
    }

    /** The digest of {@code secret} for substore {@code kind}. */
    public String digest(StoreKind kind, String secret) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(secret, "secret");
        byte[] input = (kind.configName() + '\0' + secret).getBytes(StandardCharsets.UTF_8);
        byte[] out = key == null ? sha256(input) : macs.get().doFinal(input);
        return B64.encodeToString(out);
    }

    /**
     * Whether {@code storedDigest} is the digest of {@code secret} for {@code kind}, compared in
     * constant time. Backends use it after looking a row up by digest, so that the final decision
     * never depends on an early-exit string comparison.
     */
    public boolean matches(StoreKind kind, String secret, String storedDigest) {
        if (storedDigest == null || secret == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(kind, secret).getBytes(StandardCharsets.US_ASCII),
                storedDigest.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return key == null ? "SecretDigest[SHA-256]" : "SecretDigest[HMAC-SHA-256, pepper=<redacted>]";
    }
}
