package org.oidcstore.features;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two databases the Karaf test runs the durable tier on, as {@code bash .ci/services.sh start}
 * provides them (coordinates as in {@code jpa-store-bundle}: {@code oidc.test.mariadb.*},
 * {@code oidc.test.pg.*}): on MariaDB a scratch database of its own ({@code <database>_karaf}, the
 * services script grants {@code oidcstore_*}), on PostgreSQL a scratch schema {@value #PG_SCHEMA}
 * in the test database. Karaf's pools are told apart from everything else by their database
 * (MariaDB) and by {@code ApplicationName} (PostgreSQL), so the test can count the connections they
 * hold. An unreachable server fails the test with the command that starts it.
 */
final class Databases {
    static final String START_HINT = "start it with `bash .ci/services.sh start`";
    static final String PG_SCHEMA = "oidc_karaf";
    static final String PG_APPLICATION = "oidc-karaf-it";

    private Databases() {
    }

    private static String value(String property, String dflt) {
        String v = System.getProperty(property);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    static String user(String engine) {
        return value("oidc.test." + engine + ".user", "oidcstore");
    }

    static String password(String engine) {
        return value("oidc.test." + engine + ".password", "oidcstore");
    }

    private static String mariadbBase() {
        return value("oidc.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/oidcstore");
    }

    /** {@code <test database>_karaf}. */
    static String mariadbDatabase() {
        String base = mariadbBase().replaceAll("\\?.*", "");
        return base.substring(base.lastIndexOf('/') + 1) + "_karaf";
    }

    /** The server part of the test URL ({@code jdbc:mariadb://host:port/}). */
    private static String mariadbServer() {
        String base = mariadbBase().replaceAll("\\?.*", "");
        return base.substring(0, base.lastIndexOf('/') + 1);
    }

    /** The URL Karaf's pool uses. */
    static String mariadbUrl() {
        return mariadbServer() + mariadbDatabase();
    }

    private static String pgBase() {
        return value("oidc.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/oidcstore");
    }

    /** The URL Karaf's pool uses: the scratch schema, and a name of its own in {@code pg_stat_activity}. */
    static String pgUrl() {
        String base = pgBase();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA + "&ApplicationName="
                + PG_APPLICATION;
    }

    /** Creates the MariaDB scratch database and the PostgreSQL scratch schema, both empty. */
    static void prepare() {
        try (Connection c = DriverManager.getConnection(mariadbServer(), user("mariadb"), password("mariadb"));
                Statement st = c.createStatement()) {
            st.executeUpdate("DROP DATABASE IF EXISTS `" + mariadbDatabase() + "`");
            st.executeUpdate("CREATE DATABASE `" + mariadbDatabase() + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new AssertionError("MariaDB at " + mariadbServer() + " is not usable (" + e.getMessage() + "); "
                    + START_HINT, e);
        }
        try (Connection c = DriverManager.getConnection(pgBase(), user("pg"), password("pg"));
                Statement st = c.createStatement()) {
            st.executeUpdate("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
            st.executeUpdate("CREATE SCHEMA " + PG_SCHEMA);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at " + pgBase() + " is not usable (" + e.getMessage() + "); "
                    + START_HINT, e);
        }
    }

    /** Rows of {@code table} (oidc_grant, oidc_authorization_code, …) belonging to a grant. */
    static int rowsOfGrant(String engine, String table, String grantId) throws SQLException {
        boolean maria = engine.equals("mariadb");
        try (Connection c = maria ? DriverManager.getConnection(mariadbUrl(), user("mariadb"), password("mariadb"))
                : DriverManager.getConnection(pgBase(), user("pg"), password("pg"));
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + (maria ? "" : PG_SCHEMA + ".")
                        + table + " WHERE grant_id = ?")) {
            ps.setString(1, grantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Connections Karaf's pool holds on {@code engine} (the checking connection excluded). */
    static int poolConnections(String engine) throws SQLException {
        if (engine.equals("mariadb")) {
            try (Connection c = DriverManager.getConnection(mariadbServer(), user("mariadb"), password("mariadb"));
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ?")) {
                ps.setString(1, mariadbDatabase());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }
        try (Connection c = DriverManager.getConnection(pgBase(), user("pg"), password("pg"));
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity"
                        + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, PG_APPLICATION);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
