package org.oidcstore.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;

class SecretDigestTest {
    private static final byte[] PEPPER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Independent computation with the JDK, to pin the storage format. */
    private static String expected(byte[] key, StoreKind kind, String secret) throws Exception {
        byte[] input = (kind.configName() + "\0" + secret).getBytes(StandardCharsets.UTF_8);
        byte[] out;
        if (key == null) {
            out = MessageDigest.getInstance("SHA-256").digest(input);
        } else {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            out = mac.doFinal(input);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    @Test
    void pepperedDigestIsHmacSha256OverKindAndSecret() throws Exception {
        String d = SecretDigest.peppered(PEPPER).digest(StoreKind.AUTHORIZATION_CODES, "abc");
        assertThat(d).isEqualTo(expected(PEPPER, StoreKind.AUTHORIZATION_CODES, "abc")).hasSize(43);
    }

    @Test
    void unpepperedDigestIsSha256OverKindAndSecret() throws Exception {
        String d = SecretDigest.unpeppered().digest(StoreKind.REFRESH_TOKENS, "abc");
        assertThat(d).isEqualTo(expected(null, StoreKind.REFRESH_TOKENS, "abc"));
    }

    /** The engines are reused per thread: no digest may carry state over into the next one. */
    @Test
    void reusedEnginesDigestEverySecretAloneOnEveryThread() throws Exception {
        SecretDigest plain = SecretDigest.unpeppered();
        SecretDigest peppered = SecretDigest.peppered(PEPPER);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String secret = "s".repeat(i % 70) + thread + "-" + i; // lengths around the 64-byte block
                        assertThat(plain.digest(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, secret))
                                .isEqualTo(expected(null, StoreKind.PUSHED_AUTHORIZATION_REQUESTS, secret));
                        assertThat(peppered.digest(StoreKind.CONSUMED_JWT_IDS, secret))
                                .isEqualTo(expected(PEPPER, StoreKind.CONSUMED_JWT_IDS, secret));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void digestsAreDomainSeparatedByKind() {
        SecretDigest sd = SecretDigest.peppered(PEPPER);
        assertThat(sd.digest(StoreKind.AUTHORIZATION_CODES, "x")).isNotEqualTo(sd.digest(StoreKind.REFRESH_TOKENS, "x"));
    }

    @Test
    void matchesComparesTheDigestOfTheSecret() {
        SecretDigest sd = SecretDigest.peppered(PEPPER);
        String d = sd.digest(StoreKind.CONSUMED_JWT_IDS, "jti-1");
        assertThat(sd.matches(StoreKind.CONSUMED_JWT_IDS, "jti-1", d)).isTrue();
        assertThat(sd.matches(StoreKind.CONSUMED_JWT_IDS, "jti-2", d)).isFalse();
        assertThat(sd.matches(StoreKind.CONSUMED_JWT_IDS, d, d)).as("a digest is not the secret").isFalse();
        assertThat(sd.matches(StoreKind.CONSUMED_JWT_IDS, "jti-1", null)).isFalse();
    }

    @Test
    void configValueIsBase64AndLongEnoughAndNeverEchoed() {
        String good = Base64.getEncoder().encodeToString(PEPPER);
        assertThat(SecretDigest.fromConfig(Optional.of(good)).isPeppered()).isTrue();
        assertThat(SecretDigest.fromConfig(Optional.of(Base64.getUrlEncoder().encodeToString(new byte[40]).replace('A', '-')))
                .isPeppered()).isTrue();
        assertThat(SecretDigest.fromConfig(Optional.empty()).isPeppered()).isFalse();
        assertThat(SecretDigest.fromConfig(Optional.of("  ")).isPeppered()).isFalse();
        assertThatThrownBy(() -> SecretDigest.fromConfig(Optional.of("not*base64!")))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1011")
                .hasMessageNotContaining("not*base64!");
        String shortOne = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretDigest.fromConfig(Optional.of(shortOne)))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1010")
                .hasMessageNotContaining(shortOne);
        assertThat(SecretDigest.peppered(PEPPER).toString()).doesNotContain("0123456789");
    }

    private static final byte[] OLD_PEPPER = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aPepperListDigestsWithTheFirstAndLooksUpWithEach() throws Exception {
        SecretDigest rotated = SecretDigest.peppered(java.util.List.of(PEPPER, OLD_PEPPER));
        String old = SecretDigest.peppered(OLD_PEPPER).digest(StoreKind.REFRESH_TOKENS, "rt");
        assertThat(rotated.digest(StoreKind.REFRESH_TOKENS, "rt")).isEqualTo(expected(PEPPER, StoreKind.REFRESH_TOKENS, "rt"));
        assertThat(rotated.digests(StoreKind.REFRESH_TOKENS, "rt"))
                .containsExactly(expected(PEPPER, StoreKind.REFRESH_TOKENS, "rt"), old);
        assertThat(rotated.matches(StoreKind.REFRESH_TOKENS, "rt", old)).isTrue();
        assertThat(rotated.matches(StoreKind.REFRESH_TOKENS, "other", old)).isFalse();
        assertThat(rotated.pepperCount()).isEqualTo(2);
        assertThat(rotated.toString()).doesNotContain("0123456789");
    }

    @Test
    void theConfigurationListsPeppersNewestFirst() throws Exception {
        String cfg = " " + Base64.getEncoder().encodeToString(PEPPER) + " , "
                + Base64.getUrlEncoder().encodeToString(OLD_PEPPER);
        SecretDigest d = SecretDigest.fromConfig(Optional.of(cfg));
        assertThat(d.digests(StoreKind.CONSUMED_JWT_IDS, "j")).containsExactly(
                expected(PEPPER, StoreKind.CONSUMED_JWT_IDS, "j"), expected(OLD_PEPPER, StoreKind.CONSUMED_JWT_IDS, "j"));
        String twice = Base64.getEncoder().encodeToString(PEPPER) + "," + Base64.getEncoder().encodeToString(PEPPER);
        assertThatThrownBy(() -> SecretDigest.fromConfig(Optional.of(twice)))
                .isInstanceOf(StoreConfigurationException.class).hasMessageStartingWith("OIDCS-1012");
        assertThatThrownBy(() -> SecretDigest.fromConfig(Optional.of(cfg + ",")))
                .isInstanceOf(StoreConfigurationException.class).hasMessageStartingWith("OIDCS-1011");
    }

    @Test
    void aRandomPepperIsAPepper() {
        SecretDigest a = SecretDigest.randomPepper();
        assertThat(a.isPeppered()).isTrue();
        assertThat(a.digest(StoreKind.SESSIONS, "x")).isNotEqualTo(SecretDigest.randomPepper().digest(StoreKind.SESSIONS, "x"));
    }
}
