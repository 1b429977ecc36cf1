package org.oidcstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records of dynamic registration: bearer values hidden, bad values refused, expiry and ceiling read alike. */
class RegistrationRecordsTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void toStringNeverShowsABearerValueNorAPolicyValue() {
        InitialAccessToken iat = InitialAccessToken.issue("IAT-SECRET", T, T.plusSeconds(60), 3,
                Map.of("software_id", "POLICY-SECRET"));
        RegistrationAccessToken rat = new RegistrationAccessToken("client-a", "RAT-SECRET", T, null);
        assertThat(iat.toString()).doesNotContain("SECRET").contains("software_id");
        assertThat(rat.toString()).doesNotContain("SECRET").contains("client-a");
        assertThat(rat.withoutToken().token()).isNull();
    }

    @Test
    void anInitialAccessTokenIsExpiredAtItsExpiryAndExhaustedAtItsCeiling() {
        InitialAccessToken t = InitialAccessToken.issue("t", T, T.plusSeconds(60), 2, null);
        assertThat(t.uses()).isZero();
        assertThat(t.policy()).isEmpty();
        assertThat(t.isExpiredAt(T.plusSeconds(59))).isFalse();
        assertThat(t.isExpiredAt(T.plusSeconds(60))).isTrue();
        assertThat(t.withUses(1).isExhausted()).isFalse();
        assertThat(t.withUses(2).isExhausted()).isTrue();
        InitialAccessToken forever = InitialAccessToken.issue("t", T, null, null, null);
        assertThat(forever.isExpiredAt(Limits.MAX_INSTANT)).isFalse();
        assertThat(forever.withUses(Integer.MAX_VALUE).isExhausted()).isFalse();
    }

    @Test
    void invalidRecordsAreRefused() {
        assertThatThrownBy(() -> InitialAccessToken.issue("t", T, T, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InitialAccessToken("t", T, null, null, -1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InitialAccessToken.issue("t", T, T.minusSeconds(1), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InitialAccessToken.issue(" ", T, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InitialAccessToken.issue("t", null, null, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RegistrationAccessToken(null, "t", T, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RegistrationAccessToken("c", "t\n", T, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistrationAccessToken("c", "t", T, T.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
