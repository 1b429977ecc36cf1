package org.oidcstore.store.jpa.internal.boot;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.internal.JpaMessages;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.JpaExceptions;

/**
 * At open, after the migrations (when enabled): the schema must be the one this code needs.
 * Schema version 2 is the first this code cannot run without (a rotation relies on the unique
 * index on {@code oidc_refresh_token.parent_digest}: PostgreSQL's {@code ON CONFLICT} names it, and
 * without it a chain could fork on MariaDB and H2), so an older or missing schema fails the open
 * with what to apply, instead of failing or forking on the first rotation. Version 4 adds the
 * tables of dynamic registration and provider metadata (their kinds are hosted by this code), so a
 * schema without {@value #V4_TABLE} fails the open the same way instead of failing at a
 * registration. Read from the connection's metadata: no history table is needed (DBAs applying the
 * files by hand may have none).
 */
final class SchemaCheck {
    private static final String TABLE = "oidc_refresh_token";
    private static final String COLUMN = "parent_digest";
    /** A table that schema version 4 creates. */
    static final String V4_TABLE = "oidc_registration_token";

    private SchemaCheck() {
    }

    static void requireCurrent(DataSource ds, Dialect dialect, String productName) {
        boolean table = false;
        boolean index = false;
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            if (dialect == Dialect.POSTGRESQL && c.getSchema() == null) {
                // no schema of the search path exists: metadata would search every schema
                throw missing(false, dialect, productName);
            }
            // unquoted names: H2 keeps them upper case, PostgreSQL and MariaDB lower case
            for (String name : List.of(TABLE, TABLE.toUpperCase(Locale.ROOT))) {
                Map<String, List<String>> unique = new HashMap<>();
                try (ResultSet rs = md.getIndexInfo(c.getCatalog(), c.getSchema(), name, true, true)) {
                    while (rs.next()) {
                        table = true;
                        if (rs.getString("INDEX_NAME") != null && rs.getString("COLUMN_NAME") != null) {
                            unique.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new ArrayList<>())
                                    .add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
                index |= unique.values().stream().anyMatch(cols -> cols.equals(List.of(COLUMN)));
            }
            if (index && !hasTable(md, c, V4_TABLE)) {
                throw older("4", "no table " + V4_TABLE, dialect, productName);
            }
        } catch (SQLException e) {
            throw JpaExceptions.translate("store", "open", e);
        }
        if (!index) {
            throw missing(table, dialect, productName);
        }
    }

    private static boolean hasTable(DatabaseMetaData md, Connection c, String name) throws SQLException {
        for (String n : List.of(name, name.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), n, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static StoreConfigurationException older(String version, String why, Dialect dialect,
            String productName) {
        String files = dialect.migrationLocation(productName).replace("classpath:", "");
        return new StoreConfigurationException(JpaMessages.SCHEMA_TOO_OLD + " the database schema is older than version "
                + version + " (" + why + "); set " + JpaSettings.KEY_MIGRATE + "=true, or apply the SQL files under "
                + files + " from the jar by hand, in version order");
    }

    private static StoreConfigurationException missing(boolean table, Dialect dialect, String productName) {
        String files = dialect.migrationLocation(productName).replace("classpath:", "");
        return new StoreConfigurationException(JpaMessages.SCHEMA_TOO_OLD + " the database schema is "
                + (table ? "older than version 2" : "missing") + " (no unique index on " + TABLE + "." + COLUMN
                + "); set " + JpaSettings.KEY_MIGRATE + "=true, or apply the SQL files under " + files
                + " from the jar by hand, in version order");
    }
}
