package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.jpa.internal.boot.Migrations;
import org.oidcstore.store.jpa.internal.runtime.Dialect;

/**
 * The shipped migrations on every engine, in a scratch schema (a separate H2 database, a PostgreSQL
 * schema, a MariaDB database {@code <test database>_migration}): clean, migrate, validate, migrate
 * again (a no-op), and an index on every lookup path.
 */
class MigrationTest {
    static final String SCRATCH = "oidcstore_migration";

    /**
     * Every schema version the jar ships, oldest first, read from the H2 migrations (the versions
     * every engine's folder holds; {@link #aCleanSchemaMigratesValidatesAndMigratingAgainIsANoOp}
     * migrates each engine to all of them).
     */
    static final List<String> VERSIONS = shippedVersions();
    /** The newest of {@link #VERSIONS}. */
    static final String LATEST = VERSIONS.get(VERSIONS.size() - 1);

    private static List<String> shippedVersions() {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(MigrationTest.class.getClassLoader()
                    .getResource("db/oidcstore/h2").toURI());
            try (var files = java.nio.file.Files.list(dir)) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(
                                Integer::parseInt)).toList();
            }
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every table of the schema and, per table, the columns lookups filter on. */
    static final Map<String, List<String>> LOOKUP_COLUMNS = Map.ofEntries(
            Map.entry("oidc_client", List.of("client_id")),
            Map.entry("oidc_user", List.of("subject")),
            // codes are looked up by digest, swept by expiry and erased by subject only (version 9 dropped
            // the grant_id and client_id indexes, which no statement read)
            Map.entry("oidc_authorization_code", List.of("code_digest", "expires_at", "subject")),
            Map.entry("oidc_refresh_token", List.of("token_digest", "expires_at", "grant_id", "root_digest",
                    "parent_digest", "client_id", "subject")),
            Map.entry("oidc_refresh_token_lock", List.of("grant_id")),
            Map.entry("oidc_grant", List.of("grant_id", "subject", "client_id", "expires_at")),
            Map.entry("oidc_access_token", List.of("jti_digest", "expires_at", "grant_id", "client_id", "subject")),
            Map.entry("oidc_opaque_access_token", List.of("token_digest", "expires_at", "grant_id", "client_id",
                    "subject")),
            Map.entry("oidc_authorization_context", List.of("grant_id", "id_token_digest", "expires_at", "subject")),
            Map.entry("oidc_grant_tombstone", List.of("grant_id", "retain_until")),
            Map.entry("oidc_revoked_jti", List.of("jti_digest", "expires_at")),
            Map.entry("oidc_session", List.of("session_id", "chooser_group", "subject", "expires_at")),
            Map.entry("oidc_interaction", List.of("interaction_id", "expires_at", "subject")),
            Map.entry("oidc_consumed_jti", List.of("jti_digest", "expires_at")),
            Map.entry("oidc_pushed_auth_request", List.of("request_uri_digest", "expires_at", "client_id")),
            Map.entry("oidc_device_authorization", List.of("device_code_digest", "user_code_digest", "expires_at",
                    "client_id", "approval_subject")),
            Map.entry("oidc_ciba_request", List.of("auth_req_id_digest", "expires_at", "client_id", "subject")),
            Map.entry("oidc_initial_access_token", List.of("token_digest", "expires_at")),
            Map.entry("oidc_registration_token", List.of("client_id", "token_digest", "expires_at")),
            Map.entry("oidc_provider_metadata", List.of("meta_key")));

    private static Flyway flyway(Engine engine) {
        return flyway(engine, SCRATCH, null);
    }

    /**
     * Flyway on the scratch schema {@code name} of an engine (see {@link #scratch}), migrating up to
     * {@code target} (the newest version when {@code null}).
     */
    static Flyway flyway(Engine engine, String name, String target) {
        Dialect dialect = Dialect.fromUrl(engine.url()).orElseThrow();
        var config = Migrations.configure(dialect, engine.displayName).cleanDisabled(false);
        if (target != null) {
            config.target(target);
        }
        if (engine == Engine.H2) {
            return config.dataSource(scratchUrl(engine, name), "sa", "").load();
        }
        return config.dataSource(engine.url(), engine.user(), engine.password()).schemas(scratch(engine, name))
                .createSchemas(true).load();
    }

    /**
     * The scratch schema's name: on MariaDB a database next to the test database, named after it
     * ({@code oidcstore_migration} next to {@code oidcstore}), so that engineers testing in parallel
     * on one server with their own test databases never share one; elsewhere {@code name} (a
     * PostgreSQL schema inside the test database, a separate H2 database).
     */
    static String scratch(Engine engine, String name) {
        if (engine != Engine.MARIADB) {
            return name;
        }
        String path = engine.url().substring(engine.url().indexOf("//") + 2);
        path = path.substring(path.indexOf('/') + 1);
        int end = path.indexOf('?');
        String database = end < 0 ? path : path.substring(0, end);
        return database + name.substring(name.indexOf('_'));
    }

    /** A JDBC URL whose default schema is the scratch schema {@code name} (once it exists). */
    static String scratchUrl(Engine engine, String name) {
        String url = engine.url();
        return switch (engine) {
            case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000";
            case POSTGRESQL -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
            case MARIADB -> {
                int slash = url.indexOf('/', url.indexOf("//") + 2);
                int query = url.indexOf('?', slash);
                yield url.substring(0, slash + 1) + scratch(engine, name) + (query < 0 ? "" : url.substring(query));
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCleanSchemaMigratesValidatesAndMigratingAgainIsANoOp(Engine engine) throws SQLException {
        engine.requireReachable();
        Flyway flyway = flyway(engine);
        flyway.clean();
        MigrateResult first = flyway.migrate();
        assertThat(VERSIONS).as("versions shipped").startsWith("1", "2", "3", "4", "5").contains("6", "7", "9");
        assertThat(first.migrationsExecuted).isEqualTo(VERSIONS.size());
        assertThat(first.targetSchemaVersion).isEqualTo(LATEST);
        flyway.validate();
        MigrateResult second = flyway.migrate();
        assertThat(second.migrationsExecuted).as("migrating a current schema").isZero();
        // createSchemas adds a versionless "schema creation" marker on PostgreSQL and MariaDB
        assertThat(Arrays.stream(flyway.info().applied()).filter(i -> i.getVersion() != null)
                .map(i -> i.getVersion().getVersion())).containsExactlyElementsOf(VERSIONS);
        try (Connection c = flyway.getConfiguration().getDataSource().getConnection()) {
            Map<String, Set<String>> leading = leadingIndexColumns(c, engine);
            assertThat(leading.keySet()).as("tables of the schema").containsExactlyInAnyOrderElementsOf(
                    new HashSet<>(union(LOOKUP_COLUMNS.keySet(), Migrations.HISTORY_TABLE)));
            LOOKUP_COLUMNS.forEach((table, columns) -> assertThat(leading.get(table))
                    .as("columns of %s that lead an index", table).containsAll(columns));
        }
    }

    private static Set<String> union(Set<String> a, String b) {
        Set<String> s = new HashSet<>(a);
        s.add(b);
        return s;
    }

    /** Per table (lower case), the columns that are the first column of some index (PK included). */
    private static Map<String, Set<String>> leadingIndexColumns(Connection c, Engine engine) throws SQLException {
        return leadingIndexColumns(c, engine, SCRATCH);
    }

    /** {@link #leadingIndexColumns(Connection, Engine)} in the scratch schema {@code name}. */
    static Map<String, Set<String>> leadingIndexColumns(Connection c, Engine engine, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String catalog = engine == Engine.MARIADB ? scratch(engine, name) : null;
        String schema = switch (engine) {
            case H2 -> "PUBLIC";
            case POSTGRESQL -> name;
            case MARIADB -> null;
        };
        Map<String, Set<String>> out = new HashMap<>();
        try (ResultSet tables = md.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String table = tables.getString("TABLE_NAME");
                Set<String> cols = new HashSet<>();
                try (ResultSet ix = md.getIndexInfo(catalog, schema, table, false, false)) {
                    while (ix.next()) {
                        if (ix.getShort("ORDINAL_POSITION") == 1 && ix.getString("COLUMN_NAME") != null) {
                            cols.add(ix.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
                out.put(table.toLowerCase(Locale.ROOT), cols);
            }
        }
        return out;
    }
}
