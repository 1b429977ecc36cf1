package org.oidcstore.store.redis.support;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.oidcstore.store.redis.RedisSettings;

/**
 * Where the test servers of {@code .ci/services/30-redis.sh} listen and how to log in. Each value is
 * a system property, else an environment variable, else the script's default:
 *
 * <table>
 * <caption>Test coordinates</caption>
 * <tr><th>property (env)</th><th>default</th></tr>
 * <tr><td>{@code oidc.test.redis.plain} ({@code OIDC_TEST_REDIS_PLAIN})</td><td>{@code redis://127.0.0.1:6380}, password {@code dev-secret}</td></tr>
 * <tr><td>{@code oidc.test.redis.tls} ({@code OIDC_TEST_REDIS_TLS})</td><td>{@code rediss://127.0.0.1:6390}, users {@code oidc-app}/{@code app-secret}, {@code oidc-admin}/{@code admin-secret}</td></tr>
 * <tr><td>{@code oidc.test.redis.sentinel} ({@code OIDC_TEST_REDIS_SENTINEL})</td><td>{@code rediss://127.0.0.1:26379}, master {@code oidcmaster}
 *     (data nodes 6479/6480), sentinel login {@code oidc-sentinel}/{@code sentinel-secret}, data logins as for TLS</td></tr>
 * <tr><td>{@code oidc.test.redis.cluster} ({@code OIDC_TEST_REDIS_CLUSTER})</td><td>{@code rediss://127.0.0.1:7001,…7002,…7003}, logins as for TLS</td></tr>
 * <tr><td>{@code oidc.test.services.dir} ({@code OIDC_SERVICES_DIR})</td><td>{@code /tmp/oidc-store-services}: the TLS trust store is {@code redis/tls/truststore.p12} (password {@code changeit})</td></tr>
 * </table>
 * Passwords: {@code oidc.test.redis.dev-password}, {@code .app-user}, {@code .app-password},
 * {@code .admin-user}, {@code .admin-password}, {@code .sentinel-user}, {@code .sentinel-password} (same
 * env spelling, e.g. {@code OIDC_TEST_REDIS_APP_PASSWORD}).
 */
public final class TestServers {
    public static final String START_HINT = "start it with `bash .ci/services.sh start`";
    /** Short enough that a broken test fails fast, long enough for a busy 2-core CI machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private TestServers() {
    }

    public static String value(String property, String dflt) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    public static Path servicesDir() {
        return Path.of(value("oidc.test.services.dir", value("OIDC_SERVICES_DIR", "/tmp/oidc-store-services")));
    }

    public static Path truststore() {
        return servicesDir().resolve("redis/tls/truststore.p12");
    }

    public static Path clientKeystore() {
        return servicesDir().resolve("redis/tls/client.p12");
    }

    public static final String STORE_PASSWORD = "changeit";
    /**
     * The {@code oidc.store.secret-pepper} of the test stores: a fixed 32-byte test value (never a
     * secret), so that they run peppered as a deployment must and report no unsafe setting.
     */
    public static final String PEPPER = java.util.Base64.getEncoder().encodeToString(
            "redis-store-bundle test pepper!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    public static String devPassword() {
        return value("oidc.test.redis.dev-password", "dev-secret");
    }

    public static String appUser() {
        return value("oidc.test.redis.app-user", "oidc-app");
    }

    public static String appPassword() {
        return value("oidc.test.redis.app-password", "app-secret");
    }

    public static String adminUser() {
        return value("oidc.test.redis.admin-user", "oidc-admin");
    }

    public static String adminPassword() {
        return value("oidc.test.redis.admin-password", "admin-secret");
    }

    public static String sentinelUser() {
        return value("oidc.test.redis.sentinel-user", "oidc-sentinel");
    }

    public static String sentinelPassword() {
        return value("oidc.test.redis.sentinel-password", "sentinel-secret");
    }

    public static URI plain() {
        return URI.create(value("oidc.test.redis.plain", "redis://127.0.0.1:6380"));
    }

    public static URI tls() {
        return URI.create(value("oidc.test.redis.tls", "rediss://127.0.0.1:6390"));
    }

    public static List<URI> sentinels() {
        return uris(value("oidc.test.redis.sentinel", "rediss://127.0.0.1:26379"));
    }

    public static String sentinelMaster() {
        return value("oidc.test.redis.sentinel.master", "oidcmaster");
    }

    public static List<URI> cluster() {
        return uris(value("oidc.test.redis.cluster",
                "rediss://127.0.0.1:7001,rediss://127.0.0.1:7002,rediss://127.0.0.1:7003"));
    }

    private static List<URI> uris(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(URI::create).toList();
    }

    /** The four topologies the TCK runs on, as the store's settings and an admin login. */
    public enum Topology {
        /** (a) plain + requirepass, dev mode. */
        PLAIN,
        /** (b) TLS + least-privilege ACL user; housekeeping as an admin user. */
        TLS_ACL,
        /** (c) Sentinel, TLS + ACL on the data nodes and on the sentinel itself. */
        SENTINEL,
        /** (d) three-master cluster, TLS (also on the cluster bus) + ACL. */
        CLUSTER;

        /** The store's settings under {@code prefix}. */
        public RedisSettings.Builder settings(String prefix) {
            RedisSettings.Builder b = RedisSettings.builder().keyPrefix(prefix).timeout(TIMEOUT).secretPepper(PEPPER);
            return switch (this) {
                case PLAIN -> b.standalone(plain()).password(devPassword()).devModeAllowPlaintext(true);
                case TLS_ACL -> b.standalone(tls()).user(appUser()).password(appPassword())
                        .truststore(truststore()).truststorePassword(STORE_PASSWORD);
                case SENTINEL -> b.sentinel(sentinelMaster(), sentinels()).user(appUser()).password(appPassword())
                        .sentinelUser(sentinelUser()).sentinelPassword(sentinelPassword())
                        .truststore(truststore()).truststorePassword(STORE_PASSWORD);
                case CLUSTER -> b.cluster(cluster()).user(appUser()).password(appPassword())
                        .truststore(truststore()).truststorePassword(STORE_PASSWORD);
            };
        }

        /** Settings of the housekeeping login (all keys, all commands). */
        public RedisSettings.Builder admin(String prefix) {
            return this == PLAIN ? settings(prefix) : settings(prefix).user(adminUser()).password(adminPassword());
        }

        public String where() {
            return switch (this) {
                case PLAIN -> "plain Redis at " + plain();
                case TLS_ACL -> "TLS Redis at " + tls();
                case SENTINEL -> "Redis Sentinel at " + sentinels();
                case CLUSTER -> "Redis Cluster at " + cluster();
            };
        }
    }
}
