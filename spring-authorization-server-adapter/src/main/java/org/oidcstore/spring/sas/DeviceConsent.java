package org.oidcstore.spring.sas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.OidcStore;

/**
 * The user code of a device authorization waiting on SAS's consent page. SAS finds the consent
 * POST by its {@code state} alone, and the device store is addressed by code, so the adapter keeps
 * the user code for the state's life; never in clear: sealed (AES-256-GCM) under a key derived from
 * the state, which only the user's browser holds (the state index keeps only a SHA-256 of the state,
 * under another prefix). An interaction {@code sas-dv:<digest>}, deleted when the consent is answered.
 */
final class DeviceConsent {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final OidcStore store;
    private final Clock clock;

    DeviceConsent(OidcStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void remember(String state, String userCode, Instant expiresAt) {
        Instant now = clock.instant();
        store.interactions().save(new Interaction(id(state), seal(state, userCode), now,
                expiresAt != null && expiresAt.isAfter(now) ? expiresAt : now.plusSeconds(300)));
    }

    /** The user code waiting on this state's consent, or empty. */
    Optional<String> userCode(String state) {
        if (!org.oidcstore.store.spi.Arguments.isStorableId(id(state))) {
            return Optional.empty();
        }
        return store.interactions().find(id(state)).map(i -> open(state, i.state()));
    }

    void forget(String state) {
        store.interactions().delete(id(state));
    }

    private static String id(String state) {
        return "sas-dv:" + SasKeys.sha256("device-consent-index\0" + state);
    }

    private static SecretKeySpec key(String state) {
        try {
            byte[] k = MessageDigest.getInstance("SHA-256")
                    .digest(("oidc-store sas device-consent key\0" + state).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(k, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] seal(String state, String userCode) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(state), new GCMParameterSpec(128, iv));
            byte[] sealed = c.doFinal(userCode.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String open(String state, byte[] sealed) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(state), new GCMParameterSpec(128, sealed, 0, IV_BYTES));
            return new String(c.doFinal(Arrays.copyOfRange(sealed, IV_BYTES, sealed.length)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed device user code cannot be opened", e);
        }
    }
}
