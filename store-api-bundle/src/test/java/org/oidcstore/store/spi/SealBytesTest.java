package org.oidcstore.store.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreKind;

/** {@link SecretDigest#sealBytes} and {@link SecretDigest#unsealBytes}: format, binding, pepper rotation. */
class SealBytesTest {
    private static final byte[] OLD = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN = "{\"access_token\":\"at-1\",\"refresh_token\":\"rt-2\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final StoreKind KIND = StoreKind.REFRESH_TOKENS;

    /** Opens with the JDK alone, to pin the format: nonce, ciphertext and tag under HMAC(pepper, label). */
    private static byte[] openIndependently(byte[] pepper, byte[] sealed, String boundTo) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
        byte[] key = mac.doFinal(("oidc-store seal\0" + KIND.configName()).getBytes(StandardCharsets.UTF_8));
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        c.updateAAD((KIND.configName() + "\0" + boundTo).getBytes(StandardCharsets.UTF_8));
        return c.doFinal(sealed, 12, sealed.length - 12);
    }

    @Test
    void sealedBytesAreAesGcmUnderTheNewestPepperBoundToKindAndRow() throws Exception {
        SecretDigest d = SecretDigest.peppered(List.of(NEW, OLD));
        byte[] sealed = d.sealBytes(KIND, PLAIN, "row-1");
        assertThat(sealed).hasSize(PLAIN.length + 28);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("at-1").doesNotContain("rt-2");
        assertThat(openIndependently(NEW, sealed, "row-1")).isEqualTo(PLAIN);
        assertThat(d.unsealBytes(KIND, sealed, "row-1")).hasValue(PLAIN);
        assertThat(Arrays.equals(sealed, d.sealBytes(KIND, PLAIN, "row-1"))).as("a fresh nonce each time").isFalse();
    }

    @Test
    void anotherBindingKindOrDamageDoesNotOpen() {
        SecretDigest d = SecretDigest.peppered(NEW);
        byte[] sealed = d.sealBytes(KIND, PLAIN, "row-1");
        assertThat(d.unsealBytes(KIND, sealed, "row-2")).as("copied to another row").isEmpty();
        assertThat(d.unsealBytes(StoreKind.CIBA_REQUESTS, sealed, "row-1")).as("another kind").isEmpty();
        byte[] damaged = sealed.clone();
        damaged[20] ^= 1;
        assertThat(d.unsealBytes(KIND, damaged, "row-1")).isEmpty();
        assertThat(d.unsealBytes(KIND, Arrays.copyOf(sealed, 27), "row-1")).as("shorter than nonce and tag").isEmpty();
        String text = d.seal(KIND, "row-1");
        assertThat(d.unsealBytes(KIND, text.getBytes(StandardCharsets.US_ASCII), "row-1")).isEmpty();
    }

    @Test
    void anOldPepperOpensWhileListedAndNotOnceDropped() {
        byte[] sealed = SecretDigest.peppered(OLD).sealBytes(KIND, PLAIN, "row-1");
        assertThat(SecretDigest.peppered(List.of(NEW, OLD)).unsealBytes(KIND, sealed, "row-1")).hasValue(PLAIN);
        assertThat(SecretDigest.peppered(NEW).unsealBytes(KIND, sealed, "row-1")).isEmpty();
        assertThat(SecretDigest.unpeppered().unsealBytes(KIND, sealed, "row-1")).isEmpty();
    }

    @Test
    void stringSealsStillOpenAsBefore() {
        SecretDigest d = SecretDigest.peppered(List.of(NEW, OLD));
        String sealed = SecretDigest.peppered(OLD).seal(StoreKind.CIBA_REQUESTS, "notification-token");
        assertThat(d.unseal(StoreKind.CIBA_REQUESTS, sealed)).hasValue("notification-token");
        assertThat(SecretDigest.peppered(NEW).unseal(StoreKind.CIBA_REQUESTS, sealed)).isEmpty();
    }
}
