package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.ClientRevocation;
import org.oidcstore.store.tck.MutableClock;

/**
 * Schema version 5 (the {@code (client_id, subject)} index of {@code oidc_grant} that serves
 * {@code GrantStore.listSubjects}, replacing the {@code client_id} index) over a database at
 * version 4 holding grants: the migration keeps every row, the new index exists with its two
 * columns in that order, the old one is gone, and the listers and the client revocation work on
 * the upgraded data.
 */
class GrantIndexUpgradeTest {
    private static final String SCRATCH = "oidcstore_upgrade5";

    private static Connection connect(Engine engine) throws SQLException {
        return engine == Engine.H2 ? DriverManager.getConnection(MigrationTest.scratchUrl(engine, SCRATCH), "sa", "")
                : DriverManager.getConnection(MigrationTest.scratchUrl(engine, SCRATCH), engine.user(),
                        engine.password());
    }

    private static JpaSettings settings(Engine engine) {
        return JpaSettings.forUrl(MigrationTest.scratchUrl(engine, SCRATCH), engine == Engine.H2 ? "sa" : engine.user(),
                engine == Engine.H2 ? "" : engine.password()).withGcInterval(Duration.ZERO)
                .withSecretPepper(TestStores.PEPPER).withPoolSize(2);
    }

    private static List<String> grants(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT grant_id, subject, client_id FROM oidc_grant ORDER BY grant_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }

    /** The indexes of {@code oidc_grant} (lower case) and their columns in order. */
    private static Map<String, List<String>> grantIndexes(Connection c, Engine engine) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String catalog = engine == Engine.MARIADB ? MigrationTest.scratch(engine, SCRATCH) : null;
        String schema = switch (engine) {
            case H2 -> "PUBLIC";
            case POSTGRESQL -> SCRATCH;
            case MARIADB -> null;
        };
        String table = engine == Engine.H2 ? "OIDC_GRANT" : "oidc_grant";
        Map<String, Map<Short, String>> byPosition = new TreeMap<>();
        try (ResultSet ix = md.getIndexInfo(catalog, schema, table, false, false)) {
            while (ix.next()) {
                if (ix.getString("INDEX_NAME") != null && ix.getString("COLUMN_NAME") != null) {
                    byPosition.computeIfAbsent(ix.getString("INDEX_NAME").toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                            .put(ix.getShort("ORDINAL_POSITION"), ix.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        byPosition.forEach((name, cols) -> out.put(name, List.copyOf(cols.values())));
        return out;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aVersion4DatabaseWithGrantsGetsTheClientSubjectIndexAndKeepsEveryGrant(Engine engine) throws SQLException {
        engine.requireReachable();
        Flyway latest = MigrationTest.flyway(engine, SCRATCH, null);
        latest.clean();
        assertThat(MigrationTest.flyway(engine, SCRATCH, "4").migrate().targetSchemaVersion).isEqualTo("4");
        List<String> before;
        try (Connection c = connect(engine); Statement st = c.createStatement()) {
            for (String[] g : new String[][] {{"grant-1", "sub-b", "client-a"}, {"grant-2", "sub-a", "client-a"},
                {"grant-3", "sub-b", "client-a"}, {"grant-4", "sub-a", "client-z"}}) {
                st.executeUpdate("INSERT INTO oidc_grant (grant_id, subject, client_id, scopes, resources, version,"
                        + " created_at, updated_at) VALUES ('" + g[0] + "', '" + g[1] + "', '" + g[2] + "', '[\"openid\"]',"
                        + " '[]', 1, TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 12:00:00')");
            }
            before = grants(c);
            assertThat(grantIndexes(c, engine)).as("version 4").containsKey("oidc_grant_client_ix")
                    .doesNotContainKey("oidc_grant_client_subject_ix");
        }
        assertThat(before).hasSize(4);

        var result = latest.migrate();
        assertThat(result.initialSchemaVersion).isEqualTo("4");
        assertThat(result.targetSchemaVersion).isEqualTo("6");
        try (Connection c = connect(engine)) {
            assertThat(grants(c)).as("no grant lost or changed").isEqualTo(before);
            Map<String, List<String>> indexes = grantIndexes(c, engine);
            assertThat(indexes).doesNotContainKey("oidc_grant_client_ix");
            assertThat(indexes.get("oidc_grant_client_subject_ix")).containsExactly("client_id", "subject");
        }

        MutableClock clock = MutableClock.startingNow();
        try (JpaStore store = JpaStores.open(settings(engine), clock)) {
            assertThat(store.grants().listSubjects("client-a", null, 1).items()).containsExactly("sub-a");
            assertThat(store.grants().listSubjects("client-a", "sub-a", 1).items()).containsExactly("sub-b");
            assertThat(store.revokeClient("client-a")).isEqualTo(new ClientRevocation(0, 3, 0, 0));
            assertThat(store.grants().listSubjects("client-z", null, 10).items()).containsExactly("sub-a");
        }
    }
}
