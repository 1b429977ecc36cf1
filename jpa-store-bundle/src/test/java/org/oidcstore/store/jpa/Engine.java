package org.oidcstore.store.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The three engines the tier is tested on, with their coordinates: system property
 * {@code oidc.test.<engine>.url|user|password}, else environment variable
 * {@code OIDC_TEST_<ENGINE>_URL|USER|PASSWORD}, else the documented default (the servers that
 * {@code bash .ci/services.sh start} sets up on 127.0.0.1). An unreachable server fails the test
 * with the command that starts it; nothing is ever skipped.
 */
enum Engine {
    H2("H2", "h2", "jdbc:h2:mem:oidcstore;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000", "sa", ""),
    MARIADB("MariaDB", "mariadb", "jdbc:mariadb://127.0.0.1:3306/oidcstore", "oidcstore", "oidcstore"),
    POSTGRESQL("PostgreSQL", "pg", "jdbc:postgresql://127.0.0.1:5432/oidcstore", "oidcstore", "oidcstore");

    final String displayName;
    private final String key;
    private final String defaultUrl;
    private final String defaultUser;
    private final String defaultPassword;

    Engine(String displayName, String key, String defaultUrl, String defaultUser, String defaultPassword) {
        this.displayName = displayName;
        this.key = key;
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
        this.defaultPassword = defaultPassword;
    }

    String url() {
        return setting("url", defaultUrl);
    }

    String user() {
        return setting("user", defaultUser);
    }

    String password() {
        return setting("password", defaultPassword);
    }

    /** A plain, auto-commit JDBC connection (no pool, no JTA), for fixtures and assertions. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /** Fails (never skips) with the command that starts the server when it cannot be reached. */
    void requireReachable() {
        try (Connection c = connect()) {
            c.getMetaData();
        } catch (SQLException e) {
            throw new AssertionError(displayName + " not reachable at " + safeUrl()
                    + "; start it with `bash .ci/services.sh start` (or point oidc.test." + key + ".url / OIDC_TEST_"
                    + key.toUpperCase(Locale.ROOT) + "_URL at a running server)", e);
        }
    }

    /** The URL without its query string, which may carry credentials. */
    String safeUrl() {
        String u = url();
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    private String setting(String name, String def) {
        String p = System.getProperty("oidc.test." + key + "." + name);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String env = System.getenv("OIDC_TEST_" + key.toUpperCase(Locale.ROOT) + "_" + name.toUpperCase(Locale.ROOT));
        if (env != null && !env.isBlank()) {
            return env;
        }
        return def;
    }
}
