package org.oidcstore.store.redis.internal;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import org.oidcstore.store.redis.RedisSettings;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;

/** Builds the Jedis client of a topology from validated settings. */
final class RedisClients {
    private static final String CLIENT_NAME = "oidc-store";

    private RedisClients() {
    }

    static UnifiedJedis create(RedisSettings s) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, s.timeout().toMillis());
        ConnectionPoolConfig pool = pool(s);
        return switch (s.topology()) {
            case STANDALONE -> RedisClient.builder().hostAndPort(hostAndPort(s.nodes().get(0), 6379))
                    .clientConfig(config(s, s.user(), s.password(), s.database(), true)).poolConfig(pool).build();
            case SENTINEL -> RedisSentinelClient.builder().masterName(s.sentinelMaster())
                    .sentinels(hosts(s, 26379))
                    .clientConfig(config(s, s.user(), s.password(), s.database(), true))
                    .sentinelClientConfig(config(s, s.sentinelUser(), s.sentinelPassword(), 0, false))
                    .poolConfig(pool).build();
            case CLUSTER -> RedisClusterClient.builder().nodes(hosts(s, 6379))
                    .clientConfig(config(s, s.user(), s.password(), 0, true)).poolConfig(pool)
                    // a MOVED or ASK redirection needs attempts; all of them stay within the timeout
                    .maxAttempts(3).maxTotalRetriesDuration(java.time.Duration.ofMillis(timeout)).build();
        };
    }

    /**
     * The connect and read timeout, also the longest wait for a pooled connection: the share of
     * {@code oidc.store.redis.timeout} that keeps the worst case of a dead or frozen server within
     * it. When a pooled connection turns out dead, commons-pool2 2.13 destroys it and opens its
     * replacement at once, in the caller's thread. In plaintext that costs two waits: the read
     * that timed out and the replacement's connect or first reply; so 45 % each. Over TLS it
     * costs four, measured with a frozen server ({@code OutageTest}): the read, JSSE's close of
     * the dead socket waiting for the peer's {@code close_notify}, the replacement's handshake,
     * and the close of the failed replacement, which flushes and so waits on the handshake again;
     * so 22.5 % each.
     */
    static int ioTimeoutMillis(RedisSettings s) {
        long share = s.tls() ? s.timeout().toMillis() * 9 / 40 : s.timeout().toMillis() * 9 / 20;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, share));
    }

    private static JedisClientConfig config(RedisSettings s, String user, String password, int database,
            boolean named) {
        int timeout = ioTimeoutMillis(s);
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout)
                // RESP2 replies are what the scripts' results are decoded from; no HELLO negotiation (docs/build-pitfalls.md#r5)
                .protocol(RedisProtocol.RESP2).user(user).password(password).database(database);
        if (named) {
            b.clientName(CLIENT_NAME);
        }
        if (s.tls()) {
            b.sslOptions(ssl(s));
        }
        return b.build();
    }

    /** TLS 1.2 or 1.3 only, full verification (CA and host name), optional client certificate. */
    private static SslOptions ssl(RedisSettings s) {
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        SslOptions.Builder b = SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).sslParameters(params)
                .sslProtocol("TLS");
        if (s.truststore() != null) {
            b.truststore(s.truststore().toFile(), chars(s.truststorePassword())).trustStoreType(s.truststoreType());
        }
        if (s.keystore() != null) {
            b.keystore(s.keystore().toFile(), chars(s.keystorePassword())).keyStoreType(s.keystoreType());
        }
        return b.build();
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static ConnectionPoolConfig pool(RedisSettings s) {
        ConnectionPoolConfig p = new ConnectionPoolConfig();
        p.setMaxTotal(s.poolSize());
        p.setMaxIdle(s.poolSize());
        p.setMinIdle(0);
        // waiting for a free connection is bounded like one network read
        p.setMaxWait(java.time.Duration.ofMillis(ioTimeoutMillis(s)));
        p.setBlockWhenExhausted(true);
        // idle connections to a restarted server are found and dropped in the background too
        p.setTestWhileIdle(true);
        p.setTimeBetweenEvictionRuns(java.time.Duration.ofSeconds(30));
        p.setJmxEnabled(false);
        // commons-pool2's detailed statistics (mean idle, wait and active times) are read by nothing
        // here, and cost every borrow and return two Duration computations and three updates of
        // ring buffers behind one monitor each, which every caller thread contends for
        p.setCollectDetailedStatistics(false);
        return p;
    }

    private static Set<HostAndPort> hosts(RedisSettings s, int defaultPort) {
        Set<HostAndPort> out = new LinkedHashSet<>();
        s.nodes().forEach(u -> out.add(hostAndPort(u, defaultPort)));
        return out;
    }

    private static HostAndPort hostAndPort(URI u, int defaultPort) {
        return new HostAndPort(u.getHost(), u.getPort() < 0 ? defaultPort : u.getPort());
    }
}
