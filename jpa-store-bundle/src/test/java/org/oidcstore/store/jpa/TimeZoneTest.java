package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.tck.Samples;

/**
 * Instants are stored as UTC wall-clock values whatever the JVM's time zone: an expiry whose UTC
 * wall-clock time falls into a daylight-saving gap of the JVM zone (02:30 on the last Sunday of
 * March does not exist in Paris) is stored and read back unshifted. EclipseLink's default binding
 * through {@code java.sql.Timestamp} would store 03:30.
 */
class TimeZoneTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anInstantInTheJvmZonesDaylightSavingGapIsStoredUnshifted(Engine engine) throws Exception {
        JpaFixture f = TestStores.fixture(engine);
        Instant created = Instant.parse("2027-03-28T01:00:00Z");
        Instant inGap = Instant.parse("2027-03-28T02:30:00.123456Z");
        assertThat(ZoneId.of("Europe/Paris").getRules().getValidOffsets(LocalDateTime.parse("2027-03-28T02:30:00")))
                .as("02:30 local does not exist in Paris that day").isEmpty();
        f.clock().set(created);
        AuthorizationCode code = new Samples(f.clock()).code().toBuilder().createdAt(created).expiresAt(inGap).build();
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
        try {
            f.store().authorizationCodes().save(code);
            assertThat(f.store().authorizationCodes().find(code.code())).contains(code);
            String digest = f.digest().digest(org.oidcstore.store.StoreKind.AUTHORIZATION_CODES, code.code());
            try (PreparedStatement ps = f.adminConnection().prepareStatement(
                    "SELECT expires_at FROM oidc_authorization_code WHERE code_digest = ?")) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2027-03-28T02:30:00.123456"));
                }
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
