package org.oidcstore.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.Set;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
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
    void aDeviceAuthorizationAndACibaRequestCountTheirStringsAndFourInstants() {
        DeviceAuthorization d = DeviceAuthorization.pending("dc", "AB-CD", "c1", Set.of("openid"),
                Map.of("resource", List.of("r\u20AC")), T, T.plusSeconds(60), Duration.ofSeconds(5));
        // "dc" 2 + "AB-CD" 5 + "c1" 2 + "openid" 6 + "resource" 8 + "r€" 4 + 4 instants × 8
        assertThat(ValueSize.of(d)).isEqualTo(2 + 5 + 2 + 6 + 8 + 4 + 32);
        DeviceAuthorization approved = d.withState(ApprovalState.APPROVED,
                new Approval("alice", "a1", List.of("pwd"), T));
        assertThat(ValueSize.of(approved)).as("+ alice 5, a1 2, pwd 3").isEqualTo(2 + 5 + 2 + 6 + 8 + 4 + 32 + 10);
        CibaRequest r = CibaRequest.pending("rid", "c1", "alice", Set.of("openid"), List.of("a1"), "bm",
                CibaMode.PING, "tok", T, T.plusSeconds(60), Duration.ofSeconds(5));
        // "rid" 3 + "c1" 2 + "alice" 5 + "openid" 6 + "a1" 2 + "bm" 2 + "tok" 3 + 4 instants × 8
        assertThat(ValueSize.of(r)).isEqualTo(3 + 2 + 5 + 6 + 2 + 2 + 3 + 32);
    }

    @Test
    void aLargerRecordIsRefusedNamingSizeAndLimitOnly() {
        ValueSize.check(1024, 1024, "pushed-authorization-requests", "oidc.store.memory.max-value-bytes");
        assertThatThrownBy(() -> ValueSize.check(1025, 1024, "sessions", "oidc.store.redis.max-value-bytes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1025")
                .hasMessageContaining("oidc.store.redis.max-value-bytes");
    }
}
