package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.tck.MutableClock;

/**
 * Schema version 9 (the two indexes of {@code oidc_authorization_code} that no statement reads,
 * {@code grant_id} and {@code client_id}, dropped) over a database at version 8, the oldest the
 * store opens: the store opens on version 8 as it is (version 9 is not required) and issues a code
 * there; the migration keeps
 * the code, drops exactly those two indexes and keeps the ones the store reads (expiry for the
 * sweep, subject for erasure); the code issued before is redeemed once on the upgraded schema and
 * its replay is refused.
 */
class HotPathIndexUpgradeTest {
    private static final String SCRATCH = "oidcstore_upgrade9";
    private static final String CODE = "code-issued-at-version-8-" + "x".repeat(20);

    private static JpaSettings settings(Engine engine) {
        return JpaSettings.forUrl(MigrationTest.scratchUrl(engine, SCRATCH), engine == Engine.H2 ? "sa" : engine.user(),
                engine == Engine.H2 ? "" : engine.password()).withGcInterval(Duration.ZERO)
                .withSecretPepper(TestStores.PEPPER).withPoolSize(2);
    }

    private static Connection connect(Engine engine) throws SQLException {
        return engine == Engine.H2 ? DriverManager.getConnection(MigrationTest.scratchUrl(engine, SCRATCH), "sa", "")
                : DriverManager.getConnection(MigrationTest.scratchUrl(engine, SCRATCH), engine.user(),
                        engine.password());
    }

    /** The indexes of {@code oidc_authorization_code} (lower case, without the primary key) and their columns in order. */
    private static Map<String, List<String>> codeIndexes(Engine engine) throws SQLException {
        try (Connection c = connect(engine)) {
            DatabaseMetaData md = c.getMetaData();
            String catalog = engine == Engine.MARIADB ? MigrationTest.scratch(engine, SCRATCH) : null;
            String schema = switch (engine) {
                case H2 -> "PUBLIC";
                case POSTGRESQL -> SCRATCH;
                case MARIADB -> null;
            };
            String table = engine == Engine.H2 ? "OIDC_AUTHORIZATION_CODE" : "oidc_authorization_code";
            Map<String, Map<Short, String>> byPosition = new TreeMap<>();
            try (ResultSet ix = md.getIndexInfo(catalog, schema, table, false, false)) {
                while (ix.next()) {
                    String name = ix.getString("INDEX_NAME");
                    if (name != null && ix.getString("COLUMN_NAME") != null && ix.getBoolean("NON_UNIQUE")) {
                        byPosition.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                                .put(ix.getShort("ORDINAL_POSITION"), ix.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            Map<String, List<String>> out = new TreeMap<>();
            byPosition.forEach((name, cols) -> out.put(name, List.copyOf(cols.values())));
            return out;
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aVersion8DatabaseLosesTheTwoUnreadCodeIndexesAndKeepsItsCodesRedeemableOnce(Engine engine)
            throws SQLException {
        engine.requireReachable();
        Flyway latest = MigrationTest.flyway(engine, SCRATCH, null);
        latest.clean();
        assertThat(MigrationTest.flyway(engine, SCRATCH, "8").migrate().targetSchemaVersion).isEqualTo("8");
        assertThat(codeIndexes(engine)).as("version 8").containsEntry("oidc_authorization_code_grant_ix",
                List.of("grant_id")).containsEntry("oidc_authorization_code_client_ix", List.of("client_id"));

        MutableClock clock = MutableClock.startingNow();
        Instant now = clock.instant();
        try (JpaStore store = JpaStores.open(settings(engine), clock)) {
            store.authorizationCodes().save(AuthorizationCode.builder().code(CODE).clientId("client-9")
                    .subject("sub-9").grantId("grant-9").redirectUri("https://rp.example/cb").scopes(List.of("openid"))
                    .resources(List.of()).amr(List.of("pwd")).authTime(now).expiresAt(now.plusSeconds(600))
                    .createdAt(now).build());
        }

        var result = latest.migrate();
        assertThat(result.initialSchemaVersion).isEqualTo("8");
        assertThat(result.targetSchemaVersion).isEqualTo(MigrationTest.LATEST);
        assertThat(Integer.parseInt(MigrationTest.LATEST)).isGreaterThanOrEqualTo(9);
        Map<String, List<String>> after = codeIndexes(engine);
        assertThat(after).doesNotContainKeys("oidc_authorization_code_grant_ix", "oidc_authorization_code_client_ix");
        assertThat(after).containsEntry("oidc_authorization_code_expires_ix", List.of("expires_at"))
                .containsEntry("oidc_authorization_code_subject_ix", List.of("subject"));

        try (JpaStore store = JpaStores.open(settings(engine), clock)) {
            AuthorizationCode redeemed = store.authorizationCodes().consume(CODE).orElseThrow();
            assertThat(redeemed.grantId()).isEqualTo("grant-9");
            assertThat(redeemed.clientId()).isEqualTo("client-9");
            assertThat(redeemed.subject()).isEqualTo("sub-9");
            assertThatThrownBy(() -> store.authorizationCodes().consume(CODE))
                    .isInstanceOf(AlreadyConsumedException.class);
        }
    }
}
