package org.oidcstore.store.spi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.oidcstore.store.StoreKind;

/**
 * The AES-256-GCM of {@link SecretDigest#seal} and {@link SecretDigest#sealBytes}: a random 96-bit
 * nonce, a 128-bit tag, the output nonce then ciphertext and tag. Which key seals (the newest
 * pepper's) and which keys may open (each pepper's, newest first) is {@link SecretDigest}'s
 * business; this class only runs the cipher.
 */
final class SealCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealCipher() {
    }

    /** The associated data: the kind's name, then NUL and {@code boundTo} when there is one. */
    static byte[] aad(StoreKind kind, String boundTo) {
        String name = Objects.requireNonNull(kind, "kind").configName();
        return (boundTo == null ? name : name + '\0' + boundTo).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code plain} sealed under {@code key}: nonce, ciphertext and tag. */
    static byte[] seal(SecretKeySpec key, byte[] plain, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance(TRANSFORMATION);
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(plain);
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is required by every Java platform", e);
        }
    }

    /**
     * {@code in} opened under the first of the keys {@code 0 .. keyCount - 1} whose tag matches, or
     * empty when none does (or {@code in} is too short to hold a nonce and a tag).
     */
    static Optional<byte[]> open(IntFunction<SecretKeySpec> keyOf, int keyCount, byte[] in, byte[] aad) {
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        for (int i = 0; i < keyCount; i++) {
            try {
                Cipher c = Cipher.getInstance(TRANSFORMATION);
                c.init(Cipher.DECRYPT_MODE, keyOf.apply(i), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
                c.updateAAD(aad);
                return Optional.of(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES));
            } catch (AEADBadTagException e) {
                // not this key's: try the next
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/GCM/NoPadding is required by every Java platform", e);
            }
        }
        return Optional.empty();
    }
}
