package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.tck.MutableClock;

/**
 * Schema version 4 (dynamic registration and provider metadata) over a database at the version
 * shipped before it, holding data: the store refuses to open on the older schema without
 * migrations, the migration keeps every row, and afterwards the old data and the new kinds work
 * side by side. The previous version is the newest shipped migration below 4, whichever it is
 * (the test names it in its assertions' descriptions).
 */
class RegistrationSchemaUpgradeTest {
    private static final String SCRATCH = "oidcstore_upgrade4";
    private static final String V4 = "4";

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

    /** The newest shipped migration before version 4. */
    private static String previousVersion(Flyway flyway) {
        List<String> below = Arrays.stream(flyway.info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.isNewerThan("0") && !v.isAtLeast(V4)).map(v -> v.getVersion()).toList();
        assertThat(below).as("migrations shipped before version 4").isNotEmpty();
        return below.get(below.size() - 1);
    }

    /** Rows of the tables every version since 1 has, as text. */
    private static List<String> oldRows(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (String q : new String[] {"SELECT session_id, subject, amr, client_ids FROM oidc_session",
                "SELECT client_id, redirect_uris, scopes, metadata FROM oidc_client",
                "SELECT grant_id, subject, client_id, scopes FROM oidc_grant"}) {
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
    void aDatabaseAtThePreviousVersionWithDataUpgradesToVersion4AndKeepsIt(Engine engine) throws SQLException {
        engine.requireReachable();
        Flyway latest = MigrationTest.flyway(engine, SCRATCH, null);
        latest.clean();
        String previous = previousVersion(latest);
        Flyway old = MigrationTest.flyway(engine, SCRATCH, previous);
        assertThat(old.migrate().targetSchemaVersion).as("migrated to the previous version").isEqualTo(previous);
        List<String> before;
        try (Connection c = connect(engine); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO oidc_session (session_id, subject, auth_time, amr, client_ids, created_at,"
                    + " updated_at, expires_at) VALUES ('sid-1', 'sub-a', TIMESTAMP '2030-01-01 12:00:00', '[\"pwd\"]',"
                    + " '[\"client-a\"]', TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 12:00:00',"
                    + " TIMESTAMP '2099-01-02 12:00:00')");
            st.executeUpdate("INSERT INTO oidc_client (client_id, redirect_uris, post_logout_redirect_uris,"
                    + " grant_types, response_types, scopes, public_client, source, backchannel_logout_session_required,"
                    + " metadata) VALUES ('client-a', '[\"https://rp.example/cb\"]', '[]', '[\"authorization_code\"]',"
                    + " '[\"code\"]', '[\"openid\"]', FALSE, 'DYNAMIC', FALSE, '{\"k\":\"v\"}')");
            st.executeUpdate("INSERT INTO oidc_grant (grant_id, subject, client_id, scopes, resources, version,"
                    + " created_at, updated_at) VALUES ('grant-a', 'sub-a', 'client-a', '[\"openid\"]', '[]', 1,"
                    + " TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 12:00:00')");
            before = oldRows(c);
        }
        assertThat(before).as("seeded at version %s", previous).hasSize(3);

        MutableClock clock = MutableClock.startingNow();
        assertThatThrownBy(() -> JpaStores.open(settings(engine), clock).close())
                .as("a store on version %s without migrations", previous)
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1302")
                .hasMessageContaining("older than version 4").hasMessageContaining("oidc.store.jpa.migrate=true");

        var result = MigrationTest.flyway(engine, SCRATCH, V4).migrate();
        assertThat(result.initialSchemaVersion).isEqualTo(previous);
        assertThat(result.targetSchemaVersion).isEqualTo(V4);
        try (Connection c = connect(engine)) {
            assertThat(oldRows(c)).as("rows written at version %s", previous).isEqualTo(before);
        }
        // the store itself needs the newest schema (version 7: the interaction subject column)
        MigrationTest.flyway(engine, SCRATCH, null).migrate();

        // later versions add what this code also needs (RetryResponseSchemaUpgradeTest covers version 6):
        // the store opens on the latest schema, without migrating
        MigrationTest.flyway(engine, SCRATCH, null).migrate();
        try (JpaStore store = JpaStores.open(settings(engine), clock)) {
            assertThat(store.clients().find("client-a")).as("a client of version %s", previous).isPresent();
            assertThat(store.sessions().find("sid-1")).as("a session of version %s", previous).isPresent();
            assertThat(store.grants().find("grant-a")).as("a grant of version %s", previous).isPresent();

            InitialAccessToken iat = InitialAccessToken.issue("iat-upgrade", clock.now(), null, 1, Map.of("k", "v"));
            store.initialAccessTokens().save(iat);
            assertThat(store.initialAccessTokens().use(iat.token())).isEqualTo(OptionalInt.of(1));
            assertThatThrownBy(() -> store.initialAccessTokens().use(iat.token())).isInstanceOf(ConflictException.class);
            RegistrationAccessToken rat = new RegistrationAccessToken("client-a", "rat-upgrade", clock.now(), null);
            store.registrationAccessTokens().save(rat);
            assertThat(store.registrationAccessTokens().matches("client-a", "rat-upgrade")).isTrue();
            assertThat(store.providerMetadata().compareAndSet("subject-type", null, "pairwise")).isTrue();
            assertThat(store.providerMetadata().get("subject-type")).contains("pairwise");
        }
        try (JpaStore reopened = JpaStores.open(settings(engine), clock)) {
            assertThat(reopened.providerMetadata().get("subject-type")).as("after a restart").contains("pairwise");
        }
    }
}
