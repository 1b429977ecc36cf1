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
 * At open, after the migrations (when enabled): the schema must be the one this code needs. Each
 * schema version this code cannot run without is recognised by a unique index it added:
 * <ul>
 *   <li>version 2, on {@code oidc_refresh_token.parent_digest}: a rotation relies on it
 *       (PostgreSQL's {@code ON CONFLICT} names it, and without it a chain could fork on MariaDB
 *       and H2);</li>
 *   <li>version 3, on {@code oidc_device_authorization.user_code_digest}: the tables of device
 *       authorizations and CIBA requests, whose saves rely on it to refuse a live duplicate user
 *       code;</li>
 *   <li>version 4, on {@code oidc_registration_token.token_digest}: the tables of dynamic
 *       registration (initial and registration access tokens) and provider metadata, whose kinds
 *       this code hosts (two clients never hold one registration token);</li>
 *   <li>version 6, by a column rather than an index: {@code oidc_refresh_token.retry_response},
 *       where rotation grace keeps a successor's retry response;</li>
 *   <li>version 7, by a column rather than an index: {@code oidc_interaction.subject}, which every
 *       save of an interaction writes (its index and the other subject indexes of version 7 only
 *       make erasure fast; without the column, saving interactions fails);</li>
 *   <li>version 8, on {@code oidc_authorization_context.id_token_digest}: the table of authorization
 *       contexts, whose lookups by ID token rely on it.</li>
 * </ul>
 * An older or missing schema fails the open with what to apply, instead of failing (or forking)
 * at first use. Read from the connection's metadata: no history table is needed (DBAs applying
 * the files by hand may have none).
 */
final class SchemaCheck {
    /**
     * What marks each required schema version, oldest first: a unique index on {@code column}, or
     * ({@code columnOnly}) the column itself.
     */
    private record Marker(int version, String table, String column, boolean columnOnly) {
        Marker(int version, String table, String column) {
            this(version, table, column, false);
        }

        String missing() {
            return columnOnly ? "no column " + table + "." + column : "no unique index on " + table + "." + column;
        }
    }

    private static final List<Marker> MARKERS = List.of(new Marker(2, "oidc_refresh_token", "parent_digest"),
            new Marker(3, "oidc_device_authorization", "user_code_digest"),
            new Marker(4, "oidc_registration_token", "token_digest"),
            new Marker(6, "oidc_refresh_token", "retry_response", true),
            new Marker(7, "oidc_interaction", "subject", true),
            new Marker(8, "oidc_authorization_context", "id_token_digest"));

    private SchemaCheck() {
    }

    static void requireCurrent(DataSource ds, Dialect dialect, String productName) {
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            if (dialect == Dialect.POSTGRESQL && c.getSchema() == null) {
                // no schema of the search path exists: metadata would search every schema
                throw missing(false, MARKERS.get(0), dialect, productName);
            }
            boolean anyTable = false;
            for (Marker m : MARKERS) {
                Boolean found = m.columnOnly() ? column(c, md, m) : uniqueIndex(c, md, m);
                if (found == null && !anyTable) {
                    throw missing(false, m, dialect, productName);
                }
                anyTable = true;
                if (found == null || !found) {
                    throw missing(true, m, dialect, productName);
                }
            }
        } catch (SQLException e) {
            throw JpaExceptions.translate("store", "open", e);
        }
    }

    /** Whether the marker's column exists; {@code null} when its table does not. */
    private static Boolean column(Connection c, DatabaseMetaData md, Marker m) throws SQLException {
        boolean table = false;
        boolean column = false;
        for (String name : List.of(m.table(), m.table().toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), name, null)) {
                while (rs.next()) {
                    table = true;
                    column |= m.column().equalsIgnoreCase(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return table ? column : null;
    }

    /** Whether the marker's unique index exists; {@code null} when its table does not. */
    private static Boolean uniqueIndex(Connection c, DatabaseMetaData md, Marker m) throws SQLException {
        boolean table = false;
        boolean index = false;
        // unquoted names: H2 keeps them upper case, PostgreSQL and MariaDB lower case
        for (String name : List.of(m.table(), m.table().toUpperCase(Locale.ROOT))) {
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
            index |= unique.values().stream().anyMatch(cols -> cols.equals(List.of(m.column())));
        }
        return table ? index : null;
    }

    private static StoreConfigurationException missing(boolean schema, Marker m, Dialect dialect, String productName) {
        String files = dialect.migrationLocation(productName).replace("classpath:", "");
        return new StoreConfigurationException(JpaMessages.SCHEMA_TOO_OLD + " the database schema is "
                + (schema ? "older than version " + m.version() : "missing") + " (" + m.missing() + "); set " + JpaSettings.KEY_MIGRATE + "=true, or apply the SQL files under "
                + files + " from the jar by hand, in version order");
    }
}
