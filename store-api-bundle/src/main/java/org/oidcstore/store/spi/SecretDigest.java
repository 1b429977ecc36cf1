package org.oidcstore.store.spi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * characters). It is a storage format.
 *
 * <p><b>Pepper rotation.</b> The configuration may list several peppers, newest first
 * ({@code oidc.store.secret-pepper=<new>,<old>}): new records are digested with the first
 * ({@link #digest}), lookups try each ({@link #digests}, {@link #matches}), so records written
 * under an older pepper stay reachable until they expire; then drop the old pepper. Dropping a
 * pepper makes every record digested with it unreachable (its tokens are effectively revoked,
 * which is the safe failure direction).
 *
 * <p>A pepper keeps a leaked database useless to an attacker without the key: the tokens cannot be
 * checked offline, and nobody who can write to the database or Redis can mint a token. Keep it
 * out of the database (environment, secret store). Without a pepper, digests are plain SHA-256:
 * deployment validation reports that as unsafe unless the operator acknowledges it by name.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SecretDigest {

    /** Minimum pepper length: 32 bytes, the HMAC-SHA-256 block-safe key size (RFC 2104 §3). */
    public static final int MIN_PEPPER_BYTES = 32;

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** Newest first; empty when unpeppered. */
    private final List<SecretKeySpec> keys;
    private final List<ThreadLocal<Mac>> macs;

    private SecretDigest(List<byte[]> peppers) {
        List<SecretKeySpec> k = new ArrayList<>();
        List<ThreadLocal<Mac>> m = new ArrayList<>();
        for (byte[] p : peppers) {
            SecretKeySpec spec = new SecretKeySpec(p, HMAC);
            k.add(spec);
            m.add(ThreadLocal.withInitial(() -> newMac(spec)));
        }
        this.keys = List.copyOf(k);
        this.macs = List.copyOf(m);
    }

    /** HMAC-SHA-256 keyed with {@code pepper} (at least {@link #MIN_PEPPER_BYTES} bytes). */
    public static SecretDigest peppered(byte[] pepper) {
        return peppered(List.of(Objects.requireNonNull(pepper, "pepper")));
    }

    /**
     * HMAC-SHA-256 with several peppers, newest first: digests with the first, lookups with each.
     *
     * @throws StoreConfigurationException when a pepper is too short or two are equal
     */
    public static SecretDigest peppered(List<byte[]> peppers) {
        if (peppers.isEmpty()) {
            throw new IllegalArgumentException("at least one pepper");
        }
        List<byte[]> copies = new ArrayList<>();
        for (int i = 0; i < peppers.size(); i++) {
            byte[] p = Objects.requireNonNull(peppers.get(i), "pepper");
            if (p.length < MIN_PEPPER_BYTES) {
                throw new StoreConfigurationException("OIDCS-1010 secret pepper #" + (i + 1) + " is " + p.length
                        + " bytes; use at least " + MIN_PEPPER_BYTES + " random bytes, e.g. `openssl rand -base64 32`");
            }
            for (byte[] earlier : copies) {
                if (MessageDigest.isEqual(earlier, p)) {
                    throw new StoreConfigurationException("OIDCS-1012 secret pepper #" + (i + 1)
                            + " repeats an earlier one; list each pepper once, newest first");
                }
            }
            copies.add(p.clone());
        }
        return new SecretDigest(copies);
    }

    /** Plain SHA-256, for deployments without a pepper (reported as unsafe by deployment validation). */
    public static SecretDigest unpeppered() {
        return new SecretDigest(List.of());
    }

    /**
     * A digest with one fresh random pepper: for stores whose records never outlive the process
     * (the in-memory tier), where no pepper needs to be configured or shared.
     */
    public static SecretDigest randomPepper() {
        byte[] p = new byte[MIN_PEPPER_BYTES];
        new java.security.SecureRandom().nextBytes(p);
        return new SecretDigest(List.of(p));
    }

    /**
     * From the configuration value of {@code oidc.store.secret-pepper}: one or more base64
     * (standard or URL-safe) peppers separated by commas, newest first; empty means unpeppered.
     * The message of a bad value never repeats the value.
     *
     * @throws StoreConfigurationException when a value is not base64, too short or repeated
     */
    public static SecretDigest fromConfig(Optional<String> base64Peppers) {
        if (base64Peppers.isEmpty() || base64Peppers.get().isBlank()) {
            return unpeppered();
        }
        List<byte[]> peppers = new ArrayList<>();
        String[] parts = base64Peppers.get().split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String v = parts[i].trim();
            try {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("empty");
                }
                peppers.add(v.indexOf('-') >= 0 || v.indexOf('_') >= 0
                        ? Base64.getUrlDecoder().decode(v) : Base64.getDecoder().decode(v));
            } catch (IllegalArgumentException e) {
                throw new StoreConfigurationException("OIDCS-1011 " + StoreSettings.SECRET_PEPPER_KEY + " entry #"
                        + (i + 1) + " is not valid base64; generate one with `openssl rand -base64 32`");
            }
        }
        return peppered(peppers);
    }

    /** Whether a pepper is in use. */
    public boolean isPeppered() {
        return !keys.isEmpty();
    }

    /** How many peppers lookups try (0 when unpeppered). */
    public int pepperCount() {
        return keys.size();
    }

    /** The digest of {@code secret} for substore {@code kind}, with the newest pepper: what writes store. */
    public String digest(StoreKind kind, String secret) {
        return digest(kind, secret, 0);
    }

    /**
     * Every digest a stored record of {@code secret} may have, newest pepper first (one element
     * unless peppers are being rotated): what lookups search for.
     */
    public List<String> digests(StoreKind kind, String secret) {
        if (keys.size() <= 1) {
            return List.of(digest(kind, secret, 0));
        }
        List<String> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            out.add(digest(kind, secret, i));
        }
        return List.copyOf(out);
    }

    private String digest(StoreKind kind, String secret, int pepper) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(secret, "secret");
        byte[] input = (kind.configName() + '\0' + secret).getBytes(StandardCharsets.UTF_8);
        byte[] out = keys.isEmpty() ? sha256(input) : macs.get(pepper).get().doFinal(input);
        return B64.encodeToString(out);
    }

    /**
     * Whether {@code storedDigest} is a digest of {@code secret} for {@code kind} under any of the
     * peppers, compared in constant time. Backends use it after looking a row up by digest, so that
     * the final decision never depends on an early-exit string comparison.
     */
    public boolean matches(StoreKind kind, String secret, String storedDigest) {
        if (storedDigest == null || secret == null) {
            return false;
        }
        byte[] stored = storedDigest.getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String d : digests(kind, secret)) {
            match |= MessageDigest.isEqual(d.getBytes(StandardCharsets.US_ASCII), stored);
        }
        return match;
    }

    /**
     * Seals a secret that a store must give back in clear text (the one such secret is a CIBA client
     * notification token): AES-256-GCM with a random 96-bit nonce, the kind's name as associated
     * data, under a key derived from the newest pepper ({@code HMAC(pepper, "oidc-store seal" NUL
     * kind)}). The output is unpadded base64url of nonce and ciphertext. Without a pepper the key is
     * derived from a public constant: the value is then only obfuscated, which deployment
     * validation already reports as unsafe.
     */
    public String seal(StoreKind kind, String secret) {
        Objects.requireNonNull(secret, "secret");
        return B64.encodeToString(sealWith(kind, secret.getBytes(StandardCharsets.UTF_8), SealCipher.aad(kind, null)));
    }

    /**
     * Opens a value {@link #seal}ed for {@code kind} under any of the peppers (newest first).
     *
     * @return the secret, or empty when no pepper opens it (sealed under a dropped pepper, for
     *     another kind, or damaged): the caller treats the record as unusable
     */
    public Optional<String> unseal(StoreKind kind, String sealed) {
        byte[] in;
        try {
            in = java.util.Base64.getUrlDecoder().decode(Objects.requireNonNull(sealed, "sealed"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return openWith(kind, in, SealCipher.aad(kind, null)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /**
     * Seals bytes a store must give back as they were (a refresh-token retry response), as
     * {@link #seal} does a string: AES-256-GCM under the key of the newest pepper for {@code kind},
     * with {@code kind} and {@code boundTo} as associated data, so the output opens only for that
     * kind and that binding (a store binds it to the key of the row holding it: a value copied to
     * another row does not open there). The output is the 12-byte nonce, the ciphertext and the
     * 16-byte tag ({@code plain.length + 28} bytes).
     */
    public byte[] sealBytes(StoreKind kind, byte[] plain, String boundTo) {
        Objects.requireNonNull(plain, "plain");
        return sealWith(kind, plain, SealCipher.aad(kind, Objects.requireNonNull(boundTo, "boundTo")));
    }

    /**
     * Opens bytes {@link #sealBytes sealed} for {@code kind} and {@code boundTo} under any of the
     * peppers (newest first).
     *
     * @return the bytes, or empty when no pepper opens them (sealed under a dropped pepper, for
     *     another kind or binding, or damaged)
     */
    public Optional<byte[]> unsealBytes(StoreKind kind, byte[] sealed, String boundTo) {
        Objects.requireNonNull(sealed, "sealed");
        return openWith(kind, sealed, SealCipher.aad(kind, Objects.requireNonNull(boundTo, "boundTo")));
    }

    private byte[] sealWith(StoreKind kind, byte[] plain, byte[] aad) {
        return SealCipher.seal(sealKey(kind, 0), plain, aad);
    }

    /** Tries each pepper's key, newest first (the key of the public constant when unpeppered). */
    private Optional<byte[]> openWith(StoreKind kind, byte[] in, byte[] aad) {
        return SealCipher.open(i -> sealKey(kind, i), Math.max(1, keys.size()), in, aad);
    }

    private SecretKeySpec sealKey(StoreKind kind, int pepper) {
        byte[] label = ("oidc-store seal\0" + kind.configName()).getBytes(StandardCharsets.UTF_8);
        byte[] key = keys.isEmpty() ? sha256(label) : macs.get(pepper).get().doFinal(label);
        return new SecretKeySpec(key, "AES");
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /**
     * One SHA-256 engine per thread, as the HMACs: {@code MessageDigest.getInstance} looks the
     * provider up and instantiates the engine reflectively, which cost more than the digest itself
     * on the hot path ({@code digest} resets the engine for the next use).
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    private static byte[] sha256(byte[] input) {
        return SHA256.get().digest(input);
    }

    @Override
    public String toString() {
        return keys.isEmpty() ? "SecretDigest[SHA-256]"
                : "SecretDigest[HMAC-SHA-256, peppers=" + keys.size() + " <redacted>]";
    }
}
