package org.oidcstore.it.weld.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Test housekeeping on the TLS + ACL Redis as the admin user: every key under a prefix and what it
 * holds (the persisted state of the TCK), and deletion. Never used by the store.
 */
public final class RedisAdmin {
    private static RedisAdmin instance;

    private final RedisClient jedis;

    private RedisAdmin(RedisClient jedis) {
        this.jedis = jedis;
    }

    /** The shared admin connection; fails with the start command when Redis is unreachable. */
    public static synchronized RedisAdmin get() {
        if (instance == null) {
            URI uri = URI.create(Services.redisUri());
            RedisClient client = RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), uri.getPort()))
                    .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
                            .user(Services.value("oidc.it.redis.admin-user", "oidc-admin"))
                            .password(Services.value("oidc.it.redis.admin-password", "admin-secret"))
                            .timeoutMillis(5000)
                            .sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL)
                                    .truststore(Services.truststore().toFile(), "changeit".toCharArray())
                                    .trustStoreType("PKCS12").build())
                            .build())
                    .build();
            try {
                client.ping();
            } catch (RuntimeException e) {
                client.close();
                throw new AssertionError("Redis (TLS + ACL) at " + uri + " is not reachable as the admin user: " + e
                        + "; " + Services.START_HINT, e);
            }
            instance = new RedisAdmin(client);
        }
        return instance;
    }

    public List<byte[]> keys(String prefix) {
        List<byte[]> out = new ArrayList<>();
        ScanParams params = new ScanParams().match(prefix + "*").count(1000);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
            ScanResult<byte[]> r = jedis.scan(cursor, params);
            out.addAll(r.getResult());
            cursor = r.getCursorAsBytes();
        } while (!"0".equals(new String(cursor, StandardCharsets.US_ASCII)));
        return out;
    }

    /** Every key under {@code prefix} and every string, hash field and value, set member it holds. */
    public List<String> dump(String prefix) {
        List<String> out = new ArrayList<>();
        for (byte[] key : keys(prefix)) {
            out.add(utf8(key));
            switch (jedis.type(key)) {
                case "string" -> {
                    byte[] v = jedis.get(key);
                    if (v != null) {
                        out.add(utf8(v));
                    }
                }
                case "hash" -> jedis.hgetAll(key).forEach((f, v) -> {
                    out.add(utf8(f));
                    out.add(utf8(v));
                });
                case "zset" -> jedis.zrange(key, 0, -1).forEach(m -> out.add(utf8(m)));
                case "none" -> { } // expired meanwhile
                default -> throw new AssertionError("unexpected Redis type under " + prefix + ": " + utf8(key));
            }
        }
        return out;
    }

    public void deleteAll(String prefix) {
        for (byte[] k : keys(prefix)) {
            jedis.del(k);
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
