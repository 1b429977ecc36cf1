package org.oidcstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordsTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00.123456789Z");

    @Test
    void toStringNeverShowsABearerValue() {
        AuthorizationCode c = AuthorizationCode.builder().code("CODE-SECRET").clientId("c").subject("s").grantId("g")
                .expiresAt(T.plusSeconds(60)).createdAt(T).build();
        RefreshToken r = RefreshToken.builder().token("RT-SECRET").clientId("c").subject("s").grantId("g")
                .expiresAt(T.plusSeconds(60)).createdAt(T).build();
        OpaqueAccessToken o = OpaqueAccessToken.builder().token("AT-SECRET").clientId("c").issuedAt(T)
                .expiresAt(T.plusSeconds(1)).build();
        JwtAccessToken j = new JwtAccessToken("JTI-SECRET", "c", null, null, Set.of(), T, T.plusSeconds(1), false);
        PushedAuthorizationRequest p = new PushedAuthorizationRequest("URI-SECRET", "c", Map.of(), T, T.plusSeconds(1));
        Interaction i = new Interaction("ia", "STATE-SECRET".getBytes(), T, T.plusSeconds(1));
        for (Object rec : List.of(c, r, o, j, p, i)) {
            assertThat(rec.toString()).doesNotContain("SECRET");
        }
    }

    @Test
    void instantsAreKeptAtMicrosecondPrecision() {
        Grant g = Grant.builder().grantId("g").subject("s").clientId("c").createdAt(T).build();
        assertThat(g.createdAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00.123456Z"));
        assertThat(g.updatedAt()).isEqualTo(g.createdAt());
    }

    @Test
    void invalidRecordsAreRefused() {
        assertThatThrownBy(() -> Grant.builder().grantId(" ").subject("s").clientId("c").createdAt(T).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grant.builder().grantId("g").subject("s").clientId("c").build())
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Interaction("i", new byte[Interaction.MAX_STATE_BYTES + 1], T, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new User("s", Map.of(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Client.builder("c").publicClient(true).secretHash("$pbkdf2-sha256$i=1$aaaaaaaa$bb")
                .build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PushedAuthorizationRequest("u", "c", Map.of(), T, T.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void interactionsCompareTheirBytesAndAreImmutable() {
        byte[] state = {0, 1, (byte) 0xFF};
        Interaction a = new Interaction("i", state, T, T.plusSeconds(5));
        state[0] = 9;
        assertThat(a.state()).containsExactly(0, 1, (byte) 0xFF);
        a.state()[1] = 7;
        assertThat(a.state()).containsExactly(0, 1, (byte) 0xFF);
        assertThat(a).isEqualTo(new Interaction("i", new byte[] {0, 1, (byte) 0xFF}, T, T.plusSeconds(5)));
        assertThat(a.stateEquals(new byte[] {0, 1, (byte) 0xFF})).isTrue();
        assertThat(a.stateEquals(new byte[] {0, 1})).isFalse();
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        java.util.ArrayList<String> scopes = new java.util.ArrayList<>(List.of("openid"));
        Grant g = Grant.builder().grantId("g").subject("s").clientId("c").scopes(scopes).createdAt(T).build();
        scopes.add("admin");
        assertThat(g.scopes()).containsExactly("openid");
        assertThatThrownBy(() -> g.scopes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSuccessorKeepsTheGrantAndBindingAndStartsFresh() {
        RefreshToken r = RefreshToken.builder().token("a").clientId("c").subject("s").grantId("g")
                .scopes(List.of("openid", "x")).dpopJkt("jkt").expiresAt(T.plusSeconds(60)).createdAt(T)
                .consumedAt(T.plusSeconds(1)).build();
        RefreshToken next = r.successor("b", null, T.plusSeconds(2), T.plusSeconds(100));
        assertThat(next.grantId()).isEqualTo("g");
        assertThat(next.dpopJkt()).isEqualTo("jkt");
        assertThat(next.scopes()).containsExactly("openid", "x");
        assertThat(next.consumedAt()).isNull();
        assertThat(next.token()).isEqualTo("b");
    }
}
