package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.MutableClock;

/**
 * Schema version 6 (rotation grace: {@code oidc_refresh_token.retry_response} and
 * {@code retry_until}) over a database at version 5 holding a row in every table: a store of this
 * code refuses the version-5 schema (OIDCS-1302), the migration keeps every row exactly with the two
 * new columns {@code NULL}, and a refresh token issued at version 5 rotates with a retry response
 * afterwards.
 */
class RetryResponseSchemaUpgradeTest {
    private static final String SCRATCH = "oidcstore_upgrade6";
    private static final Set<String> NEW_COLUMNS = Set.of("retry_response", "retry_until");
    private static final String OLD_TOKEN = "rt-issued-at-version-5";

    private static String digest(String name) {
        return (name + "_".repeat(43)).substring(0, 43);
    }

    /** Rows of the tables version 2 did not have (and of the lock table), written as a version-5 store would. */
    private static List<String> laterRows() {
        String old = SecretDigest.fromConfig(Optional.of(TestStores.PEPPER)).digest(StoreKind.REFRESH_TOKENS, OLD_TOKEN);
        return List.of(
                "INSERT INTO oidc_refresh_token (token_digest, parent_digest, root_digest, client_id, subject, grant_id,"
                        + " scopes, resources, amr, expires_at, consumed_at, revoked, created_at) VALUES ('" + old
                        + "', NULL, '" + old + "', 'client-a', 'sub-a', 'grant-a', '[\"openid\"]', '[]', '[\"pwd\"]',"
                        + " TIMESTAMP '2030-01-31 12:00:00', NULL, FALSE, TIMESTAMP '2030-01-01 12:00:00')",
                "INSERT INTO oidc_refresh_token_lock (grant_id) VALUES ('grant-a')",
                "INSERT INTO oidc_access_token (jti_digest, client_id, subject, grant_id, scopes, issued_at, expires_at,"
                        + " revoked) VALUES ('" + digest("at") + "', 'client-a', 'sub-a', 'grant-a', '[\"openid\"]',"
                        + " TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 13:00:00', FALSE)",
                "INSERT INTO oidc_opaque_access_token (token_digest, client_id, subject, grant_id, scopes, resources,"
                        + " issued_at, expires_at, revoked) VALUES ('" + digest("oat") + "', 'client-a', 'sub-a', 'grant-a',"
                        + " '[\"openid\"]', '[]', TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 13:00:00', FALSE)",
                "INSERT INTO oidc_device_authorization (device_code_digest, user_code_digest, client_id, scopes,"
                        + " parameters, created_at, expires_at, interval_seconds, state, last_poll_slow_down, strikes,"
                        + " poll_violations) VALUES ('" + digest("dc") + "', '" + digest("uc") + "', 'client-a',"
                        + " '[\"openid\"]', '{}', TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 12:10:00', 5,"
                        + " 'PENDING', FALSE, 0, 0)",
                "INSERT INTO oidc_ciba_request (auth_req_id_digest, client_id, subject, scopes, acr_values, delivery_mode,"
                        + " created_at, expires_at, interval_seconds, state, last_poll_slow_down) VALUES ('"
                        + digest("ciba") + "', 'client-a', 'sub-a', '[\"openid\"]', '[]', 'POLL', TIMESTAMP"
                        + " '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 12:10:00', 5, 'PENDING', FALSE)",
                "INSERT INTO oidc_initial_access_token (token_digest, created_at, expires_at, max_uses, uses, policy)"
                        + " VALUES ('" + digest("iat") + "', TIMESTAMP '2030-01-01 12:00:00', NULL, 2, 1, '{}')",
                "INSERT INTO oidc_registration_token (client_id, token_digest, created_at, expires_at) VALUES"
                        + " ('client-a', '" + digest("rat") + "', TIMESTAMP '2030-01-01 12:00:00', NULL)",
                "INSERT INTO oidc_provider_metadata (meta_key, meta_value) VALUES ('subject-type', 'public')");
    }

    /** Every row of every {@code oidc_} table but the new columns, per table; the new columns' values apart. */
    private static Map<String, List<String>> dump(Connection c, List<Object> newColumnValues) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (String table : TestStores.tables(c)) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            String column = md.getColumnName(i).toLowerCase(Locale.ROOT);
                            Object v = rs.getObject(i);
                            if (NEW_COLUMNS.contains(column)) {
                                newColumnValues.add(v);
                                continue;
                            }
                            b.append(column).append('=')
                                    .append(v instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : v)
                                    .append(';');
                        }
                        rows.add(b.toString());
                    }
                }
                rows.sort(null);
                out.put(table.toLowerCase(Locale.ROOT), rows);
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aVersion5DatabaseWithARowInEveryTableUpgradesAndItsTokensRotateWithGrace(Engine engine) throws SQLException {
        engine.requireReachable();
        var latest = MigrationTest.flyway(engine, SCRATCH, null);
        latest.clean();
        assertThat(MigrationTest.flyway(engine, SCRATCH, "5").migrate().targetSchemaVersion).isEqualTo("5");
        Map<String, List<String>> before;
        List<Object> none = new ArrayList<>();
        try (Connection c = SchemaUpgradeTest.connect(engine, SCRATCH); Statement st = c.createStatement()) {
            List<String> inserts = new ArrayList<>(Version3UpgradeTest.VERSION_2_ROWS);
            inserts.addAll(laterRows());
            for (String insert : inserts) {
                assertThat(st.executeUpdate(insert)).as(insert).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO oidc_interaction (interaction_id, state,"
                    + " created_at, expires_at) VALUES ('ia-1', ?, TIMESTAMP '2030-01-01 12:00:00',"
                    + " TIMESTAMP '2030-01-01 12:10:00')")) {
                ps.setBytes(1, new byte[] {1, 2, 3, 'x'});
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            before = dump(c, none);
        }
        assertThat(none).as("version 5 has neither new column").isEmpty();
        assertThat(before.values()).as("a row in every table at version 5").allSatisfy(rows -> assertThat(rows).isNotEmpty());

        MutableClock clock = MutableClock.startingNow();
        clock.set(Instant.parse("2030-01-01T12:00:30Z"));
        assertThatThrownBy(() -> JpaStores.open(SchemaUpgradeTest.scratchSettings(engine, SCRATCH), clock).close())
                .as("a store on version 5 without migrations").isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1302").hasMessageContaining("older than version 6")
                .hasMessageContaining("no column oidc_refresh_token.retry_response")
                .hasMessageContaining("oidc.store.jpa.migrate=true");

        var result = MigrationTest.flyway(engine, SCRATCH, "6").migrate();
        assertThat(result.initialSchemaVersion).isEqualTo("5");
        assertThat(result.targetSchemaVersion).isEqualTo("6");
        assertThat(result.migrationsExecuted).isEqualTo(1);
        try (Connection c = SchemaUpgradeTest.connect(engine, SCRATCH)) {
            List<Object> added = new ArrayList<>();
            assertThat(dump(c, added)).as("every version-5 row kept exactly").isEqualTo(before);
            assertThat(added).as("both new columns of both refresh tokens").hasSize(4).containsOnlyNulls();
        }

        latest.migrate();
        try (JpaStore store = JpaStores.open(SchemaUpgradeTest.scratchSettings(engine, SCRATCH), clock)) {
            RefreshRetryResponses grace = store.refreshRetryResponses().orElseThrow();
            assertThat(grace.findRetryResponse(OLD_TOKEN)).as("a version-5 token has no response").isEmpty();
            RefreshToken old = grace.consume(OLD_TOKEN).orElseThrow();
            RefreshToken next = old.successor("rt-after-upgrade", null, clock.now(), old.expiresAt());
            byte[] response = "{\"refresh_token\":\"rt-after-upgrade\"}".getBytes(StandardCharsets.UTF_8);
            grace.saveWithRetryResponse(next, OLD_TOKEN, response, clock.now().plusSeconds(60));
            assertThat(grace.findRetryResponse(OLD_TOKEN)).hasValueSatisfying(b -> assertThat(b).isEqualTo(response));
            assertThatThrownBy(() -> grace.consume(OLD_TOKEN)).isInstanceOf(AlreadyConsumedException.class);
            assertThat(store.clients().find("client-a")).isPresent();
            assertThat(store.providerMetadata().get("subject-type")).contains("public");
        }
    }
}
