package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.SubjectErasure;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.MutableClock;

/**
 * Schema version 7 (the subject column of {@code oidc_interaction} and the subject indexes erasure
 * needs) over a database at version 5 holding one row in every table, every column filled: the
 * migration to the newest version keeps every row, an interaction from before names no subject, the
 * four indexes exist, and erasing the subject on the upgraded data removes exactly its rows and
 * denylists its live JWT ID. Holds whatever versions lie between 5 and the newest.
 */
class SubjectErasureUpgradeTest {
    private static final String SCRATCH = "oidcstore_upgrade7";
    private static final String SUBJECT = "sub-upgrade";
    private static final String JTI = "jti-upgrade";
    private static final LocalDateTime ISSUED = LocalDateTime.of(2026, 1, 1, 12, 0);
    /** Later than any clock this test runs under: every planted row is live. */
    private static final LocalDateTime LATER = LocalDateTime.of(2099, 1, 1, 12, 0);

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

    private static String catalog(Engine engine) {
        return engine == Engine.MARIADB ? MigrationTest.scratch(engine, SCRATCH) : null;
    }

    private static String schema(Engine engine) {
        return switch (engine) {
            case H2 -> "PUBLIC";
            case POSTGRESQL -> SCRATCH;
            case MARIADB -> null;
        };
    }

    /** The store's tables (lower case), without Flyway's history. */
    private static List<String> tables(Connection c, Engine engine) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(catalog(engine), schema(engine), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String t = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (t.startsWith("oidc_") && !t.equals("oidc_store_schema_history")) {
                    out.add(t);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** A value for every column of the row, by name first, else by type. */
    private static void bind(PreparedStatement ps, int i, String table, String column, int type, int size,
            String accessTokenDigest) throws SQLException {
        if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB) {
            ps.setBytes(i, new byte[] {0, 1});
        } else if (column.equals("jti_digest") && table.equals("oidc_access_token")) {
            ps.setString(i, accessTokenDigest);
        } else if (column.equals("subject") || column.equals("approval_subject")) {
            ps.setString(i, SUBJECT);
        } else if (column.equals("state")) {
            ps.setString(i, "APPROVED");
        } else if (column.equals("delivery_mode")) {
            ps.setString(i, "POLL");
        } else if (column.equals("source")) {
            ps.setString(i, "REGISTERED");
        } else if (column.equals("revoked")) {
            ps.setBoolean(i, false);
        } else if (column.equals("issued_at") || column.equals("created_at") || column.equals("updated_at")
                || column.equals("auth_time") || column.equals("approval_auth_time") || column.equals("revoked_at")) {
            ps.setObject(i, ISSUED);
        } else {
            switch (type) {
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ps.setObject(i, LATER);
                case Types.BOOLEAN, Types.BIT -> ps.setBoolean(i, false);
                case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> ps.setInt(i, 5);
                default -> {
                    String v = (table + "." + column).replace("oidc_", "");
                    ps.setString(i, v.length() > size ? v.substring(v.length() - size) : v);
                }
            }
        }
    }

    private static void plantRow(Connection c, Engine engine, String table, String accessTokenDigest)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        List<int[]> types = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        String name = engine == Engine.H2 ? table.toUpperCase(Locale.ROOT) : table;
        try (ResultSet rs = md.getColumns(catalog(engine), schema(engine), name, "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                types.add(new int[] {rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE")});
            }
        }
        assertThat(columns).as(table).isNotEmpty();
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
                bind(ps, i + 1, table, columns.get(i), types.get(i)[0], types.get(i)[1], accessTokenDigest);
            }
            assertThat(ps.executeUpdate()).as(table).isEqualTo(1);
        }
    }

    private static Map<String, Integer> counts(Connection c, List<String> tables) throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        try (Statement st = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    out.put(t, rs.getInt(1));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aVersion5DatabaseWithARowInEveryTableMigratesAndErasesOnlyTheSubject(Engine engine) throws SQLException {
        engine.requireReachable();
        Flyway latest = MigrationTest.flyway(engine, SCRATCH, null);
        latest.clean();
        assertThat(MigrationTest.flyway(engine, SCRATCH, "5").migrate().targetSchemaVersion).isEqualTo("5");
        String accessTokenDigest = SecretDigest.fromConfig(java.util.Optional.of(TestStores.PEPPER))
                .digest(StoreKind.ACCESS_TOKENS, JTI);
        List<String> tables;
        Map<String, Integer> before;
        try (Connection c = connect(engine)) {
            tables = tables(c, engine);
            assertThat(tables).hasSizeGreaterThanOrEqualTo(19).contains("oidc_interaction", "oidc_ciba_request");
            for (String t : tables) {
                plantRow(c, engine, t, accessTokenDigest);
            }
            before = counts(c, tables);
        }
        assertThat(before.values()).containsOnly(1);

        var result = latest.migrate();
        assertThat(result.initialSchemaVersion).isEqualTo("5");
        assertThat(result.targetSchemaVersion).isEqualTo(MigrationTest.LATEST);
        assertThat(Integer.parseInt(MigrationTest.LATEST)).isGreaterThanOrEqualTo(7);
        try (Connection c = connect(engine); Statement st = c.createStatement()) {
            assertThat(counts(c, tables)).as("no row lost").isEqualTo(before);
            try (ResultSet rs = st.executeQuery("SELECT interaction_id, subject FROM oidc_interaction")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).as("an interaction from before names no subject").isNull();
            }
            Map<String, java.util.Set<String>> leading = MigrationTest.leadingIndexColumns(c, engine, SCRATCH);
            assertThat(leading.get("oidc_interaction")).contains("subject");
            assertThat(leading.get("oidc_authorization_code")).contains("subject");
            assertThat(leading.get("oidc_device_authorization")).contains("approval_subject");
            assertThat(leading.get("oidc_ciba_request")).contains("subject");
        }

        MutableClock clock = MutableClock.startingNow();
        try (JpaStore store = JpaStores.open(settings(engine), clock)) {
            SubjectErasure erased = store.eraseSubject(SUBJECT);
            // authorization contexts: a table of version 8, empty here (the rows were planted at version 5)
            assertThat(erased.counts()).isEqualTo(Map.ofEntries(Map.entry(StoreKind.AUTHORIZATION_CODES, 1),
                    Map.entry(StoreKind.REFRESH_TOKENS, 1), Map.entry(StoreKind.ACCESS_TOKENS, 1),
                    Map.entry(StoreKind.OPAQUE_ACCESS_TOKENS, 1), Map.entry(StoreKind.AUTHORIZATION_CONTEXTS, 0),
                    Map.entry(StoreKind.GRANTS, 1), Map.entry(StoreKind.SESSIONS, 1),
                    Map.entry(StoreKind.INTERACTIONS, 0), Map.entry(StoreKind.DEVICE_AUTHORIZATIONS, 1),
                    Map.entry(StoreKind.CIBA_REQUESTS, 1), Map.entry(StoreKind.USERS, 1)));
            assertThat(store.grantRevocations().isRevoked(null, JTI, ISSUED.toInstant(java.time.ZoneOffset.UTC)))
                    .as("the live JWT ID of the erased access-token row").isTrue();
        }
        try (Connection c = connect(engine)) {
            Map<String, Integer> after = counts(c, tables);
            for (String t : List.of("oidc_user", "oidc_authorization_code", "oidc_refresh_token", "oidc_grant",
                    "oidc_access_token", "oidc_opaque_access_token", "oidc_session", "oidc_device_authorization",
                    "oidc_ciba_request")) {
                assertThat(after.remove(t)).as("%s holds a row of the subject", t).isZero();
            }
            assertThat(after.remove("oidc_revoked_jti")).as("the planted entry and the erased JWT ID").isEqualTo(2);
            assertThat(after.values()).as("rows of no subject stay: %s", after).containsOnly(1);
        }
    }
}
