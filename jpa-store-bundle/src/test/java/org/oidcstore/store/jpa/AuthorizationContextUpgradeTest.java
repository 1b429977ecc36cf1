package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.tck.MutableClock;

/**
 * Schema version 8 (authorization contexts) over a database at version 7 holding an interaction: a
 * store of this code refuses the version-7 schema (OIDCS-1302), the migration keeps the row and adds
 * the table with its indexes, and the upgraded store saves a context, finds it by grant and by ID
 * token, and keeps it sealed at rest (neither the context bytes nor the ID token are in the row).
 */
class AuthorizationContextUpgradeTest {
    private static final String SCRATCH = "oidcstore_upgrade8";

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aVersion7DatabaseUpgradesAndHoldsSealedContexts(Engine engine) throws SQLException {
        engine.requireReachable();
        var latest = MigrationTest.flyway(engine, SCRATCH, null);
        latest.clean();
        assertThat(MigrationTest.flyway(engine, SCRATCH, "7").migrate().targetSchemaVersion).isEqualTo("7");
        try (Connection c = SchemaUpgradeTest.connect(engine, SCRATCH);
                PreparedStatement ps = c.prepareStatement("INSERT INTO oidc_interaction (interaction_id, state,"
                        + " created_at, expires_at, subject) VALUES ('ia-7', ?, TIMESTAMP '2030-01-01 12:00:00',"
                        + " TIMESTAMP '2030-01-01 12:10:00', 'sub-7')")) {
            ps.setBytes(1, new byte[] {7, 0, 7});
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        MutableClock clock = MutableClock.startingNow();
        clock.set(Instant.parse("2030-01-01T12:00:30Z"));
        assertThatThrownBy(() -> JpaStores.open(SchemaUpgradeTest.scratchSettings(engine, SCRATCH), clock).close())
                .as("a store on version 7 without migrations").isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1302").hasMessageContaining("older than version 8")
                .hasMessageContaining("oidc_authorization_context.id_token_digest");

        var result = latest.migrate();
        assertThat(result.initialSchemaVersion).isEqualTo("7");
        assertThat(Integer.parseInt(result.targetSchemaVersion)).isGreaterThanOrEqualTo(8);
        try (Connection c = SchemaUpgradeTest.connect(engine, SCRATCH); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT subject FROM oidc_interaction WHERE interaction_id = 'ia-7'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("sub-7");
            }
            Map<String, Set<String>> leading = MigrationTest.leadingIndexColumns(c, engine, SCRATCH);
            assertThat(leading.get("oidc_authorization_context"))
                    .contains("grant_id", "id_token_digest", "expires_at", "subject");
        }

        byte[] plain = "principal=alice;request=https://rp.example/cb".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String idToken = "eyJhbGciOiJSUzI1NiJ9." + "e".repeat(900) + ".sig-after-upgrade";
        AuthorizationContext ctx = new AuthorizationContext("grant-8", "sub-8", "client-a", plain, clock.now(),
                clock.now().plusSeconds(3600));
        try (JpaStore store = JpaStores.open(SchemaUpgradeTest.scratchSettings(engine, SCRATCH), clock)) {
            store.authorizationContexts().save(ctx, idToken);
            assertThat(store.authorizationContexts().find("grant-8")).contains(ctx);
            assertThat(store.authorizationContexts().findByIdToken(idToken)).contains(ctx);
            assertThat(store.interactions().find("ia-7")).isPresent();
        }
        try (Connection c = SchemaUpgradeTest.connect(engine, SCRATCH); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT context, id_token_digest FROM oidc_authorization_context")) {
            assertThat(rs.next()).isTrue();
            byte[] stored = rs.getBytes(1);
            assertThat(stored).as("sealed: nonce, ciphertext, tag").hasSize(plain.length + 28);
            assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("alice");
            assertThat(rs.getString(2)).hasSize(43).doesNotContain("eyJ");
            assertThat(rs.next()).isFalse();
        }
    }
}
