package org.oidcstore.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;

/** The size measure is the record's content, counted by hand here, never its encoding. */
class ValueSizeTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aPushedRequestCountsItsStringsInUtf8AndEightBytesPerInstant() {
        PushedAuthorizationRequest p = new PushedAuthorizationRequest("urn:x", "c1",
                Map.of("scope", List.of("openid", "\u20AC")), T, T.plusSeconds(60));
        // "urn:x" 5 + "c1" 2 + "scope" 5 + "openid" 6 + "€" 3 + 2 instants × 8
        assertThat(ValueSize.of(p)).isEqualTo(5 + 2 + 5 + 6 + 3 + 16);
    }

    @Test
    void aSessionAndAnInteractionCountTheirContent() {
        Session s = Session.builder().sessionId("sid").subject("alice").chooserGroup("g").acr("a")
                .amr(List.of("pwd")).clientIds(List.of("c1", "c2")).createdAt(T).expiresAt(T.plusSeconds(5)).build();
        assertThat(ValueSize.of(s)).isEqualTo(3 + 5 + 1 + 1 + 3 + 4 + 32);
        assertThat(ValueSize.of(new Interaction("ia", new byte[100], T, T.plusSeconds(1)))).isEqualTo(2 + 100 + 16);
    }

    @Test
    void aLargerRecordIsRefusedNamingSizeAndLimitOnly() {
        ValueSize.check(1024, 1024, "pushed-authorization-requests", "oidc.store.memory.max-value-bytes");
        assertThatThrownBy(() -> ValueSize.check(1025, 1024, "sessions", "oidc.store.redis.max-value-bytes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1025")
                .hasMessageContaining("oidc.store.redis.max-value-bytes");
    }
}
