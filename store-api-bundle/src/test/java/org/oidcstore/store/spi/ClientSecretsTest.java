package org.oidcstore.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.Client;

class ClientSecretsTest {
    @Test
    void aHashVerifiesItsSecretOnlyAndIsSalted() {
        String h = ClientSecrets.hash("s3cret-value", 1_000);
        assertThat(h).startsWith("$pbkdf2-sha256$i=1000$").doesNotContain("s3cret-value");
        assertThat(ClientSecrets.verify("s3cret-value", h)).isTrue();
        assertThat(ClientSecrets.verify("s3cret-valuf", h)).isFalse();
        assertThat(ClientSecrets.hash("s3cret-value", 1_000)).isNotEqualTo(h);
        assertThat(ClientSecrets.verify("x", "$pbkdf2-sha256$i=1000$%%%$%%%")).isFalse();
        assertThat(ClientSecrets.verify("x", "plain")).isFalse();
    }

    @Test
    void aClientAcceptsTheHashAndRefusesARawSecret() {
        assertThat(Client.builder("c").secretHash(ClientSecrets.hash("pw", 1_000)).build().secretHash()).startsWith("$");
        assertThatThrownBy(() -> Client.builder("c").secretHash("my-raw-secret").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("my-raw-secret");
        assertThatThrownBy(() -> ClientSecrets.hash("", 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientSecrets.hash("x", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ClientSecrets.generate()).hasSize(43);
    }

    @Test
    void aStoredHashClaimingAbsurdIterationsIsRefusedWithoutComputingIt() {
        String real = ClientSecrets.hash("s3cret", 1000);
        String absurd = real.replace("i=1000$", "i=50000000$");
        long start = System.nanoTime();
        assertThat(ClientSecrets.verify("s3cret", absurd)).isFalse();
        // 50 M iterations take seconds of CPU; refusing at once takes microseconds. The bound is loose on purpose.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(1));
        assertThat(ClientSecrets.verify("s3cret", real.replace("i=1000$", "i=99999999999$"))).isFalse();
        assertThatThrownBy(() -> ClientSecrets.hash("s", ClientSecrets.MAX_ITERATIONS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
