package org.oidcstore.it.weld.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local services of {@code bash .ci/services.sh start} as the integration tests see them:
 * MariaDB on 127.0.0.1:3306 (user {@code oidcstore}) with a scratch database of its own
 * ({@code oidcstore_it}, created here; the services script grants {@code oidcstore_*} to the test
 * user), and Redis over TLS + ACL on 6390 (user {@code oidc-app}, housekeeping as
 * {@code oidc-admin}, CA in the services directory). Unreachable services fail the test with the
 * command that starts them; nothing is skipped.
 */
public final class Services {
    public static final String START_HINT = "start them with `bash .ci/services.sh start`";
    /** 32 bytes, base64: the pepper of every deployment of this module (test value, not a secret). */
    public static final String PEPPER = "b2lkYy1zdG9yZSBpdCB0ZXN0IHBlcHBlciAzMiBieXRlcyE=";
    /** The Redis key prefix of the TCK deployment (the app user may use {@code oidctest:*}). */
    public static final String REDIS_PREFIX = "oidctest:weld-it:";

    private Services() {
    }

    static String value(String property, String dflt) {
        String v = System.getProperty(property);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    public static String mariadbHost() {
        return value("oidc.it.mariadb.host", "127.0.0.1");
    }

    public static String database() {
        return value("oidc.it.mariadb.database", "oidcstore_it");
    }

    public static String jdbcUrl() {
        return "jdbc:mariadb://" + mariadbHost() + ":3306/" + database();
    }

    public static String dbUser() {
        return value("oidc.it.mariadb.user", "oidcstore");
    }

    public static String dbPassword() {
        return value("oidc.it.mariadb.password", "oidcstore");
    }

    public static String redisUri() {
        return value("oidc.it.redis.uri", "rediss://localhost:6390");
    }

    public static Path truststore() {
        return Path.of(servicesDir(), "redis", "tls", "truststore.p12");
    }

    /** {@code oidc.test.services.dir}, else {@code $OIDC_SERVICES_DIR}, else the services script's default. */
    static String servicesDir() {
        String env = System.getenv("OIDC_SERVICES_DIR");
        return value("oidc.test.services.dir", env == null || env.isBlank() ? "/tmp/oidc-store-services" : env);
    }

    /** Creates the scratch database when missing; fails with the start command when MariaDB is away. */
    public static void ensureDatabase() {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + mariadbHost() + ":3306/", dbUser(),
                dbPassword()); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE DATABASE IF NOT EXISTS `" + database()
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new AssertionError("MariaDB at " + mariadbHost() + ":3306 (user " + dbUser() + ") is not usable: "
                    + e.getMessage() + "; " + START_HINT, e);
        }
    }

    /** Fails with the start command when the Redis trust store of the services script is missing. */
    public static void ensureRedisTls() {
        if (!Files.isReadable(truststore())) {
            throw new AssertionError("the Redis TLS trust store " + truststore() + " does not exist; " + START_HINT);
        }
        RedisAdmin.get(); // connects and PINGs, or fails with the start command
    }

    /**
     * The MicroProfile Config of the TCK deployment: the composite over JPA on MariaDB (Java SE
     * mode: Narayana + Agroal) and Redis over TLS + ACL. Nothing else configures it.
     */
    public static Map<String, String> tckConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("oidc.store.jpa.url", jdbcUrl());
        c.put("oidc.store.jpa.user", dbUser());
        c.put("oidc.store.jpa.password", dbPassword());
        c.put("oidc.store.jpa.migrate", "true");
        c.put("oidc.store.gc.interval", "PT0S");
        c.put("oidc.store.redis.uri", redisUri());
        c.put("oidc.store.redis.user", value("oidc.it.redis.user", "oidc-app"));
        c.put("oidc.store.redis.password", value("oidc.it.redis.password", "app-secret"));
        c.put("oidc.store.redis.truststore", truststore().toString());
        c.put("oidc.store.redis.truststore-password", "changeit");
        c.put("oidc.store.redis.key-prefix", REDIS_PREFIX);
        c.put("oidc.store.redis.timeout", "PT5S");
        c.put("oidc.store.secret-pepper", PEPPER);
        return c;
    }
}
