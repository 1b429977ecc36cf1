package org.oidcstore.features;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.params.ScanParams;

/**
 * The Redis over TLS + ACL of {@code bash .ci/services.sh start} (127.0.0.1:6390), seen with the
 * admin login: the keys the Karaf service wrote under the test's prefix.
 */
final class RedisKeys implements AutoCloseable {
    static final String URI_TEXT = "rediss://localhost:6390";
    static final String PREFIX = "oidctest:karaf-it:";

    private final RedisClient admin;

    private RedisKeys(RedisClient admin) {
        this.admin = admin;
    }

    /** The services' CA as a PKCS#12 trust store. */
    static Path truststore() {
        String env = System.getenv("OIDC_SERVICES_DIR");
        return Path.of(System.getProperty("oidc.test.services.dir",
                env == null || env.isBlank() ? "/tmp/oidc-store-services" : env), "redis/tls/truststore.p12");
    }

    static RedisKeys connect() {
        URI uri = URI.create(URI_TEXT);
        RedisClient c = RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), uri.getPort()))
                .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2).user("oidc-admin")
                        .password("admin-secret").timeoutMillis(5000)
                        .sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL)
                                .truststore(truststore().toFile(), "changeit".toCharArray()).trustStoreType("PKCS12")
                                .build())
                        .build())
                .build();
        try {
            c.ping();
        } catch (RuntimeException e) {
            c.close();
            throw new AssertionError("Redis (TLS + ACL) at " + uri + " is not reachable; start the services with"
                    + " `bash .ci/services.sh start`", e);
        }
        return new RedisKeys(c);
    }

    List<String> keys() {
        List<String> out = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var r = admin.scan(cursor, new ScanParams().match(PREFIX + "*").count(1000));
            out.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!"0".equals(cursor));
        return out;
    }

    void deleteAll() {
        keys().forEach(admin::del);
    }

    @Override
    public void close() {
        admin.close();
    }
}
