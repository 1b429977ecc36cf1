package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.Grant;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * A database at schema version 1, holding data (a forked refresh chain among it), migrated to the
 * current version: every row is kept, the fork is denied (its whole chain revoked, the extra
 * successor unlinked) and the single-successor rule is enforced from then on. A store refuses to
 * open on an older schema; a value too long for its column is invalid input.
 */
class SchemaUpgradeTest {
    private static final String SCRATCH = "oidcstore_upgrade";
    private static final LocalDateTime T0 = LocalDateTime.of(2030, 1, 1, 12, 0);
    private static final String COLUMNS = "token_digest, parent_digest, root_digest, client_id, subject, grant_id,"
            + " scopes, resources, amr, expires_at, consumed_at, revoked, created_at";

    private static Connection connect(Engine engine) throws SQLException {
        return connect(engine, SCRATCH);
    }

    /** A plain connection to the scratch schema {@code scratch} of an engine. */
    static Connection connect(Engine engine, String scratch) throws SQLException {
        return engine == Engine.H2 ? DriverManager.getConnection(MigrationTest.scratchUrl(engine, scratch), "sa", "")
                : DriverManager.getConnection(MigrationTest.scratchUrl(engine, scratch), engine.user(),
                        engine.password());
    }

    /** A 43-character stand-in for a digest, distinct per name. */
    private static String digest(String name) {
        return (name + "_".repeat(43)).substring(0, 43);
    }

    private static void token(Connection c, String token, String parent, String root, String grant, boolean consumed,
            int createdSecond) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO oidc_refresh_token (" + COLUMNS
                + ") VALUES (?, ?, ?, 'client-a', 'sub-a', ?, '[\"openid\"]', '[]', '[\"pwd\"]', ?, ?, ?, ?)")) {
            ps.setString(1, digest(token));
            ps.setString(2, parent == null ? null : digest(parent));
            ps.setString(3, digest(root));
            ps.setString(4, grant);
            ps.setObject(5, T0.plusDays(30));
            ps.setObject(6, consumed ? T0.plusSeconds(createdSecond + 1) : null);
            ps.setBoolean(7, false);
            ps.setObject(8, T0.plusSeconds(createdSecond));
            ps.executeUpdate();
        }
    }

    /** Every row of the refresh-token table, by digest, as column=value text. */
    private static Map<String, Map<String, String>> tokens(Connection c) throws SQLException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM oidc_refresh_token ORDER BY token_digest")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = md.getColumnName(i).equalsIgnoreCase("revoked") ? rs.getBoolean(i)
                            : rs.getObject(i) instanceof java.sql.Timestamp ? rs.getObject(i, LocalDateTime.class)
                            : rs.getObject(i);
                    row.put(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT), String.valueOf(v));
                }
                out.put(rs.getString(1), row);
            }
        }
        return out;
    }

    private static List<String> sessionsAndClients(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (String q : new String[] {"SELECT session_id, subject, amr, client_ids FROM oidc_session",
                "SELECT client_id, redirect_uris, scopes, metadata FROM oidc_client"}) {
                try (ResultSet rs = st.executeQuery(q)) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                    }
                }
            }
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aVersion1DatabaseWithAForkedChainMigratesKeepingItsDataAndDenyingTheFork(Engine engine) throws SQLException {
        engine.requireReachable();
        Flyway v1 = MigrationTest.flyway(engine, SCRATCH, "1");
        v1.clean();
        assertThat(v1.migrate().targetSchemaVersion).isEqualTo("1");
        Map<String, Map<String, String>> before;
        List<String> otherBefore;
        try (Connection c = connect(engine)) {
            token(c, "rootA", null, "rootA", "grant-a", true, 0);
            token(c, "childA", "rootA", "rootA", "grant-a", false, 10);
            token(c, "rootF", null, "rootF", "grant-f", true, 0);
            token(c, "forkF1", "rootF", "rootF", "grant-f", true, 10);
            token(c, "forkF2", "rootF", "rootF", "grant-f", false, 20);
            token(c, "childF1", "forkF1", "rootF", "grant-f", false, 30);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO oidc_session (session_id, subject, auth_time, amr, client_ids, created_at,"
                        + " updated_at, expires_at) VALUES ('sid-1', 'sub-a', TIMESTAMP '2030-01-01 12:00:00', '[\"pwd\"]',"
                        + " '[\"client-a\"]', TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 12:00:00',"
                        + " TIMESTAMP '2030-01-02 12:00:00')");
                st.executeUpdate("INSERT INTO oidc_client (client_id, redirect_uris, post_logout_redirect_uris,"
                        + " grant_types, response_types, scopes, public_client, source, backchannel_logout_session_required,"
                        + " metadata) VALUES ('client-a', '[\"https://rp.example/cb\"]', '[]', '[\"authorization_code\"]',"
                        + " '[\"code\"]', '[\"openid\"]', FALSE, 'REGISTERED', FALSE, '{\"k\":\"v\"}')");
            }
            before = tokens(c);
            otherBefore = sessionsAndClients(c);
        }

        var result = MigrationTest.flyway(engine, SCRATCH, null).migrate();
        assertThat(result.targetSchemaVersion).isEqualTo("6");

        try (Connection c = connect(engine)) {
            Map<String, Map<String, String>> after = tokens(c);
            assertThat(after.keySet()).as("no row is lost").isEqualTo(before.keySet());
            for (String untouched : List.of("rootA", "childA")) {
                assertThat(after.get(digest(untouched))).as("%s of the unforked chain", untouched)
                        .isEqualTo(before.get(digest(untouched)));
            }
            for (String forked : List.of("rootF", "forkF1", "forkF2", "childF1")) {
                Map<String, String> expected = new LinkedHashMap<>(before.get(digest(forked)));
                expected.put("revoked", "true");
                if (forked.equals("forkF2")) {
                    expected.put("parent_digest", "null"); // the later sibling is unlinked
                }
                assertThat(after.get(digest(forked))).as("%s of the forked chain", forked).isEqualTo(expected);
            }
            assertThat(sessionsAndClients(c)).as("other tables").isEqualTo(otherBefore);

            // from now on the engine refuses a second child, and still takes a first one
            assertThatThrownBy(() -> token(c, "childA2", "rootA", "rootA", "grant-a", false, 40))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState().equals("23505") || e.getErrorCode() == 1062).isTrue());
            token(c, "grandchildA", "childA", "rootA", "grant-a", false, 50);
            assertThat(tokens(c)).hasSize(before.size() + 1);
        }
    }

    private static JpaSettings scratchSettings(Engine engine) {
        return scratchSettings(engine, SCRATCH);
    }

    /** Settings of a store on the scratch schema {@code scratch} (no migration, no GC). */
    static JpaSettings scratchSettings(Engine engine, String scratch) {
        return JpaSettings.forUrl(MigrationTest.scratchUrl(engine, scratch), engine == Engine.H2 ? "sa" : engine.user(),
                engine == Engine.H2 ? "" : engine.password()).withGcInterval(Duration.ZERO)
                .withSecretPepper(TestStores.PEPPER).withPoolSize(2);
    }

    /** The code needs schema version 3: a store on an older (or no) schema refuses to open, saying what to apply. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aStoreRefusesToOpenOnASchemaOlderThanVersion3(Engine engine) throws SQLException {
        engine.requireReachable();
        Flyway v1 = MigrationTest.flyway(engine, SCRATCH, "1");
        v1.clean();
        if (engine == Engine.MARIADB) {
            // an empty database (clean dropped it; the URL needs it to connect)
            try (Connection c = engine.connect(); Statement st = c.createStatement()) {
                st.executeUpdate("CREATE DATABASE IF NOT EXISTS " + MigrationTest.scratch(engine, SCRATCH));
            }
        }
        MutableClock clock = MutableClock.startingNow();
        assertThatThrownBy(() -> JpaStores.open(scratchSettings(engine), clock).close())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1302")
                .hasMessageContaining("missing");
        v1.migrate();
        assertThatThrownBy(() -> JpaStores.open(scratchSettings(engine), clock).close())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1302")
                .hasMessageContaining("older than version 2").hasMessageContaining("oidc.store.jpa.migrate=true");
        MigrationTest.flyway(engine, SCRATCH, "2").migrate();
        assertThatThrownBy(() -> JpaStores.open(scratchSettings(engine), clock).close())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1302")
                .hasMessageContaining("older than version 3")
                .hasMessageContaining("oidc_device_authorization.user_code_digest")
                .hasMessageContaining("oidc.store.jpa.migrate=true");
        JpaStores.open(scratchSettings(engine).withMigrate(true), clock).close();
    }

    /**
     * A value longer than its column (SQLState 22001; here a DBA's narrower column, which the
     * shipped schema never is for a record within the API's caps) is invalid input on both write
     * paths (plain JDBC and EclipseLink), and nothing is written.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aValueTooLongForItsColumnIsInvalidInputAndNothingIsWritten(Engine engine) throws SQLException {
        engine.requireReachable();
        Flyway flyway = MigrationTest.flyway(engine, SCRATCH, null);
        flyway.clean();
        flyway.migrate();
        try (Connection c = connect(engine); Statement st = c.createStatement()) {
            for (String column : List.of("oidc_grant.scopes", "oidc_session.client_ids")) {
                String table = column.substring(0, column.indexOf('.'));
                String name = column.substring(column.indexOf('.') + 1);
                st.executeUpdate(switch (engine) {
                    case MARIADB -> "ALTER TABLE " + table + " MODIFY " + name + " VARCHAR(64) NOT NULL";
                    case POSTGRESQL -> "ALTER TABLE " + table + " ALTER COLUMN " + name + " TYPE VARCHAR(64)";
                    case H2 -> "ALTER TABLE " + table + " ALTER COLUMN " + name + " SET DATA TYPE VARCHAR(64)";
                });
            }
        }
        MutableClock clock = MutableClock.startingNow();
        Samples samples = new Samples(clock);
        Set<String> tooMany = Set.of("openid", "profile", "email", "address", "phone", "offline_access", "secret-scope");
        try (JpaStore store = JpaStores.open(scratchSettings(engine), clock)) {
            Grant grant = samples.grant("sub-long", "client-a").toBuilder().scopes(tooMany).build();
            assertThatThrownBy(() -> store.grants().save(grant))
                    .isInstanceOfSatisfying(IllegalArgumentException.class, e -> assertThat(e.getMessage())
                            .contains("grants.insert").contains("22001").doesNotContain("secret-scope"));
            assertThat(store.grants().find(grant.grantId())).as("nothing written").isEmpty();
            Session session = samples.session(null).toBuilder().clientIds(tooMany).build();
            assertThatThrownBy(() -> store.sessions().save(session))
                    .isInstanceOfSatisfying(IllegalArgumentException.class, e -> assertThat(e.getMessage())
                            .contains("sessions.save").doesNotContain("secret-scope"));
            assertThat(store.sessions().find(session.sessionId())).as("nothing written").isEmpty();
        }
    }
}
