package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * A database at schema version 2 holding data of every table, migrated to version 3: every row of
 * every existing table is kept exactly, the two new tables ({@code oidc_device_authorization},
 * {@code oidc_ciba_request}) start empty, and a store opened on the result (no migration of its
 * own) reads the old data and hosts the two new kinds.
 */
class Version3UpgradeTest {
    private static final String SCRATCH = "oidcstore_upgrade3";
    private static final List<String> NEW_TABLES = List.of("oidc_ciba_request", "oidc_device_authorization");

    /** A 43-character stand-in for a digest, distinct per name. */
    private static String digest(String name) {
        return (name + "_".repeat(43)).substring(0, 43);
    }

    /** Version-2 rows in every table but the lock table, written as a version-2 store would leave them. */
    static final List<String> VERSION_2_ROWS = List.of(
            "INSERT INTO oidc_client (client_id, redirect_uris, post_logout_redirect_uris, grant_types, response_types,"
                    + " scopes, public_client, source, backchannel_logout_session_required, metadata) VALUES ('client-a',"
                    + " '[\"https://rp.example/cb\"]', '[]', '[\"authorization_code\"]', '[\"code\"]', '[\"openid\"]',"
                    + " FALSE, 'DYNAMIC', FALSE, '{\"k\":\"v\"}')",
            "INSERT INTO oidc_user (subject, claims, updated_at) VALUES ('sub-a', '{\"name\":\"A\"}',"
                    + " TIMESTAMP '2030-01-01 12:00:00')",
            "INSERT INTO oidc_grant (grant_id, subject, client_id, scopes, resources, created_at, updated_at, expires_at,"
                    + " version) VALUES ('grant-a', 'sub-a', 'client-a', '[\"openid\"]', '[]', TIMESTAMP '2030-01-01"
                    + " 12:00:00', TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-02-01 12:00:00', 3)",
            "INSERT INTO oidc_authorization_code (code_digest, client_id, subject, grant_id, scopes, resources, amr,"
                    + " expires_at, created_at) VALUES ('" + digest("code") + "', 'client-a', 'sub-a', 'grant-a',"
                    + " '[\"openid\"]', '[]', '[\"pwd\"]', TIMESTAMP '2030-01-01 12:01:00', TIMESTAMP '2030-01-01 12:00:00')",
            "INSERT INTO oidc_refresh_token (token_digest, parent_digest, root_digest, client_id, subject, grant_id,"
                    + " scopes, resources, amr, expires_at, consumed_at, revoked, created_at) VALUES ('" + digest("rt")
                    + "', NULL, '" + digest("rt") + "', 'client-a', 'sub-a', 'grant-a', '[\"openid\"]', '[]', '[\"pwd\"]',"
                    + " TIMESTAMP '2030-01-31 12:00:00', NULL, FALSE, TIMESTAMP '2030-01-01 12:00:00')",
            "INSERT INTO oidc_session (session_id, subject, auth_time, amr, client_ids, created_at, updated_at,"
                    + " expires_at) VALUES ('sid-1', 'sub-a', TIMESTAMP '2030-01-01 12:00:00', '[\"pwd\"]',"
                    + " '[\"client-a\"]', TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 12:00:00',"
                    + " TIMESTAMP '2030-01-02 12:00:00')",
            "INSERT INTO oidc_consumed_jti (jti_digest, expires_at) VALUES ('" + digest("jti")
                    + "', TIMESTAMP '2030-01-01 12:05:00')",
            "INSERT INTO oidc_revoked_jti (jti_digest, expires_at) VALUES ('" + digest("rjti")
                    + "', TIMESTAMP '2030-01-01 12:05:00')",
            "INSERT INTO oidc_grant_tombstone (grant_id, revoked_at, retain_until) VALUES ('grant-old',"
                    + " TIMESTAMP '2030-01-01 11:00:00', TIMESTAMP '2030-01-01 13:00:00')",
            "INSERT INTO oidc_pushed_auth_request (request_uri_digest, client_id, parameters, created_at, expires_at,"
                    + " consumed_at) VALUES ('" + digest("par") + "', 'client-a', '{\"scope\":[\"openid\"]}',"
                    + " TIMESTAMP '2030-01-01 12:00:00', TIMESTAMP '2030-01-01 12:01:30', NULL)");

    /** Every row of every {@code oidc_} table (history excluded), per table, as column=value text. */
    private static Map<String, List<String>> dump(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (String table : TestStores.tables(c)) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            b.append(md.getColumnName(i).toLowerCase(Locale.ROOT)).append('=').append(
                                    v instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : v).append(';');
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
    void aVersion2DatabaseWithDataMigratesKeepingEveryRowAndTheStoreHostsTheNewKinds(Engine engine)
            throws SQLException {
        engine.requireReachable();
        Flyway v2 = MigrationTest.flyway(engine, SCRATCH, "2");
        v2.clean();
        assertThat(v2.migrate().targetSchemaVersion).isEqualTo("2");
        Map<String, List<String>> before;
        try (Connection c = SchemaUpgradeTest.connect(engine, SCRATCH); Statement st = c.createStatement()) {
            for (String insert : VERSION_2_ROWS) {
                assertThat(st.executeUpdate(insert)).as(insert).isEqualTo(1);
            }
            before = dump(c);
        }
        assertThat(before.keySet()).as("version 2 has none of the new tables").doesNotContainAnyElementsOf(NEW_TABLES);
        assertThat(before.values().stream().mapToInt(List::size).sum()).as("rows written at version 2")
                .isEqualTo(VERSION_2_ROWS.size());

        var result = MigrationTest.flyway(engine, SCRATCH, "3").migrate();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(result.targetSchemaVersion).isEqualTo("3");

        try (Connection c = SchemaUpgradeTest.connect(engine, SCRATCH)) {
            Map<String, List<String>> after = dump(c);
            Map<String, List<String>> expected = new LinkedHashMap<>(before);
            NEW_TABLES.forEach(t -> expected.put(t, List.of()));
            assertThat(after).as("every version-2 row kept exactly; the new tables empty").isEqualTo(expected);
        }

        // later versions only add tables of their own (RegistrationSchemaUpgradeTest covers the next
        // step); a store of this version opens on the latest schema without migrating, reads the
        // version-2 rows and hosts both kinds of version 3
        MigrationTest.flyway(engine, SCRATCH, null).migrate();
        MutableClock clock = MutableClock.startingNow();
        clock.set(Instant.parse("2030-01-01T12:00:30Z"));
        Samples samples = new Samples(clock);
        try (JpaStore store = JpaStores.open(SchemaUpgradeTest.scratchSettings(engine, SCRATCH), clock)) {
            assertThat(store.clients().find("client-a")).isPresent();
            assertThat(store.grants().find("grant-a")).hasValueSatisfying(g -> assertThat(g.version()).isEqualTo(3));
            assertThat(store.sessions().find("sid-1")).hasValueSatisfying(s -> assertThat(s.subject()).isEqualTo("sub-a"));

            DeviceAuthorization device = samples.deviceAuthorization("client-a");
            store.deviceAuthorizations().save(device);
            assertThatThrownBy(() -> store.deviceAuthorizations().save(samples.deviceAuthorization("client-a",
                    device.userCode().toLowerCase(Locale.ROOT))))
                    .as("the user code is unique (version 3's index), whatever its case")
                    .isInstanceOf(DuplicateRecordException.class);
            assertThat(store.deviceAuthorizations().poll(device.deviceCode()))
                    .hasValueSatisfying(p -> assertThat(p.state()).isEqualTo(ApprovalState.PENDING));
            store.deviceAuthorizations().approveByUserCode(device.userCode(), Approval.of("sub-a", clock.now()))
                    .orElseThrow();
            assertThat(store.deviceAuthorizations().consume(device.deviceCode())).isPresent();
            assertThatThrownBy(() -> store.deviceAuthorizations().consume(device.deviceCode()))
                    .isInstanceOf(AlreadyConsumedException.class);

            CibaRequest ciba = samples.cibaRequest(CibaMode.PING);
            store.cibaRequests().save(ciba);
            assertThat(store.cibaRequests().find(ciba.authReqId())).contains(ciba);
            assertThat(store.recordCounts()).containsEntry(StoreKind.DEVICE_AUTHORIZATIONS, 1L)
                    .containsEntry(StoreKind.CIBA_REQUESTS, 1L).containsEntry(StoreKind.SESSIONS, 1L);
        }
    }
}
