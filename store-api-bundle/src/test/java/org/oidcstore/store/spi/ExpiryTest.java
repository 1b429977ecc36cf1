package org.oidcstore.store.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aRecordIsExpiredAtItsExpiryInstant() {
        assertThat(Expiry.isExpired(T, T.minusNanos(1000))).isFalse();
        assertThat(Expiry.isExpired(T, T)).isTrue();
        assertThat(Expiry.isLive(T, T)).isFalse();
        assertThat(Expiry.isExpired(null, T)).as("no expiry").isFalse();
    }

    @Test
    void engineTtlsRoundUpAndRespectTheFloor() {
        assertThat(Expiry.ttlMillis(T, T.minusNanos(1_500_000), Duration.ZERO)).isEqualTo(2);
        assertThat(Expiry.ttlMillis(T, T.minusMillis(5), Duration.ZERO)).isEqualTo(5);
        assertThat(Expiry.ttlMillis(T, T.minusMillis(5), Duration.ofSeconds(1))).isEqualTo(1000);
        assertThat(Expiry.ttlMillis(T, T.plusSeconds(1), Duration.ofMillis(1))).isEqualTo(1);
        assertThat(Expiry.remaining(T, T.plusSeconds(1))).isZero();
    }
}
