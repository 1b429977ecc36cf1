package org.oidcstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The records enforce {@link Limits}: every value they accept is storable on every backend. */
class LimitsTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    private static RefreshToken.Builder token() {
        return RefreshToken.builder().token("rt").clientId("c").subject("s").grantId("g").expiresAt(T.plusSeconds(60))
                .createdAt(T);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jti\uDC00", "a\uD800b", "\uD800", "nul\u0000", "cr\r", "lf\n", "tab\t", "del\u007F",
            "c1\u0085", "ls\u2028", " ", ""})
    void identifiersThatCouldCollideOrForgeLogsAreRefused(String bad) {
        assertThatThrownBy(() -> token().token(bad).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(bad.isBlank() ? "\u0001" : bad);
        assertThatThrownBy(() -> token().grantId(bad).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interaction(bad, new byte[0], T, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wellFormedSupplementaryCharactersAreFine() {
        assertThat(token().token("emoji-\uD83D\uDE00").build().token()).isEqualTo("emoji-\uD83D\uDE00");
        assertThat(token().token("x".repeat(Limits.MAX_ID_LENGTH)).build()).isNotNull();
        assertThatThrownBy(() -> token().token("x".repeat(Limits.MAX_ID_LENGTH + 1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textFieldsRefuseNulLoneSurrogatesAndOverlongValues() {
        assertThatThrownBy(() -> token().nonce("n\u0000").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> token().acr("a\uDFFF").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> token().dpopJkt("j".repeat(Limits.MAX_TEXT_LENGTH + 1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(token().nonce("line\nbreak is fine in a nonce").build().nonce()).contains("\n");
        assertThatThrownBy(() -> Client.builder("c").clientName("\u0000").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Client.builder("c").jwksUri(URI.create("https://rp.example/" + "p".repeat(5000))).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void collectionsAreCappedInCountElementLengthAndBytes() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= Limits.MAX_ELEMENTS; i++) {
            many.add("s" + i);
        }
        assertThatThrownBy(() -> token().scopes(many).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scopes");
        assertThat(token().scopes(many.subList(0, Limits.MAX_ELEMENTS)).build().scopes()).hasSize(Limits.MAX_ELEMENTS);
        assertThatThrownBy(() -> token().amr(List.of("a".repeat(Limits.MAX_ELEMENT_LENGTH + 1))).build())
                .isInstanceOf(IllegalArgumentException.class);
        // 17 elements of 4,000 bytes: each within its own cap, 68,000 bytes together
        List<String> heavy = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            heavy.add(i + "b".repeat(3999));
        }
        assertThatThrownBy(() -> token().resources(heavy).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes");
        // multi-byte characters count by their UTF-8 length: 4,000 × 3 bytes each
        List<String> wide = Collections.nCopies(6, "\u20AC".repeat(4000));
        assertThatThrownBy(() -> token().resources(wide).build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(token().resources(wide.subList(0, 5)).build().resources()).hasSize(5);
    }

    @Test
    void mapsCountTheirKeysAndValues() {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        params.put("request", List.of("r".repeat(4000)));
        assertThat(new PushedAuthorizationRequest("u", "c", params, T, T.plusSeconds(1)).parameters()).hasSize(1);
        params.put("k\u0000", List.of("v"));
        assertThatThrownBy(() -> new PushedAuthorizationRequest("u", "c", params, T, T.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, String> claims = new java.util.HashMap<>();
        for (int i = 0; i <= Limits.MAX_ELEMENTS; i++) {
            claims.put("c" + i, "1");
        }
        assertThatThrownBy(() -> new User("s", claims, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void instantsOutsideTheRangeEveryEngineHoldsAreRefused() {
        assertThatThrownBy(() -> token().expiresAt(Instant.MAX).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> token().expiresAt(Instant.parse("+10000-01-01T00:00:00Z")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> token().createdAt(Instant.parse("1969-12-31T23:59:59Z")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(token().expiresAt(Limits.MAX_INSTANT).build().expiresAt()).isEqualTo(Limits.MAX_INSTANT);
        assertThatThrownBy(() -> Session.builder().sessionId("s").subject("u").createdAt(T).expiresAt(Instant.MIN)
                .build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyKnownPasswordHashSchemesAreAccepted() {
        assertThatThrownBy(() -> Client.builder("c").secretHash("$plain$correct-horse-battery").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("correct-horse");
        assertThatThrownBy(() -> Client.builder("c").secretHash("$md5$aaaaaaaaaaaa").build())
                .isInstanceOf(IllegalArgumentException.class);
        for (String ok : List.of("$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
                "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaA", "$2b$12$abcdefghijklmnopqrstuu5")) {
            assertThat(Client.builder("c").secretHash(ok).build().secretHash()).isEqualTo(ok);
        }
    }

    @Test
    void toStringShowsNoSecretHashJwksSessionIdOrInteractionId() {
        Client c = Client.builder("client-1").secretHash("$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$SECRETHASHSECRET")
                .build();
        Client k = Client.builder("client-2").jwks("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"SECRETMODULUS\"}]}").build();
        Session s = Session.builder().sessionId("SID-SECRET").subject("alice").chooserGroup("GROUP-SECRET")
                .createdAt(T).expiresAt(T.plusSeconds(5)).build();
        Interaction i = new Interaction("IA-SECRET", new byte[1], T, T.plusSeconds(1));
        assertThat(c.toString()).contains("client-1").doesNotContain("SECRET");
        assertThat(k.toString()).doesNotContain("SECRET");
        assertThat(s.toString()).contains("alice").doesNotContain("SECRET");
        assertThat(i.toString()).doesNotContain("SECRET");
    }
}
