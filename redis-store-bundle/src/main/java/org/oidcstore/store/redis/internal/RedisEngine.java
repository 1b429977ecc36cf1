package org.oidcstore.store.redis.internal;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisTopology;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.Pool;

/**
 * A started Redis tier: the client, the keyspace, the digest and the limits. Every operation runs
 * through {@link #call}, which translates failures in one place and, when the connection is the
 * problem, empties the idle pool so that the next operation after Redis returns opens a fresh
 * connection instead of tripping over a dead one.
 */
public final class RedisEngine implements AutoCloseable {
    static final System.Logger LOG = System.getLogger("org.oidcstore.store.redis");

    private final UnifiedJedis jedis;
    private final RedisSettings settings;
    private final RedisKeys keys;
    /** The shared settings (pepper list, JWT-ID clock skew), read once through their one reader. */
    private final StoreSettings shared;
    /** Set by {@link TopologyWatch} while a server the client writes to fails the engine check. */
    private volatile StoreConfigurationException refusal;
    private TopologyWatch watch;

    private RedisEngine(UnifiedJedis jedis, RedisSettings settings) {
        this.jedis = jedis;
        this.settings = settings;
        this.keys = new RedisKeys(settings.keyPrefix());
        this.shared = settings.storeSettings(); // validated: never throws here
    }

    /**
     * Validates, connects, PINGs within the timeout, checks the eviction policy and loads the
     * scripts.
     *
     * @throws org.oidcstore.store.StoreConfigurationException for invalid or unsafe settings, refused
     *     credentials, a failed TLS handshake or an evicting maxmemory-policy
     * @throws org.oidcstore.store.StoreUnavailableException when Redis does not answer in time
     */
    public static RedisEngine start(RedisSettings settings) {
        return start(settings, true);
    }

    /**
     * {@link #start(RedisSettings)}; {@code warn} logs the dev-mode warnings (once per store: a lazy
     * store that retries its start while Redis is away does not repeat them every back-off).
     */
    static RedisEngine start(RedisSettings settings, boolean warn) {
        settings.validate();
        if (warn) {
            settings.devModeWarnings().forEach(w -> LOG.log(Level.WARNING, w));
        }
        UnifiedJedis jedis;
        try {
            jedis = RedisClients.create(settings);
        } catch (RuntimeException e) {
            throw RedisExceptions.translate(e, "tier", "start");
        }
        RedisEngine engine = new RedisEngine(jedis, settings);
        try {
            engine.call("tier", "ping", UnifiedJedis::ping);
            Map<String, EngineCheck.Verdict> checked = EngineCheck.atStart(engine);
            engine.call("tier", "script-load", j -> {
                for (LuaScript s : RedisKinds.SCRIPTS) {
                    String sha = j.scriptLoad(new String(s.source(), StandardCharsets.UTF_8));
                    if (!Arrays.equals(sha.getBytes(StandardCharsets.US_ASCII), s.sha1())) {
                        throw new StoreException(RedisMessages.UNEXPECTED_REPLY + " Redis hashed script " + s.name()
                                + " differently");
                    }
                }
                return null;
            });
            if (settings.topology() != RedisTopology.STANDALONE) {
                engine.watch = new TopologyWatch(engine, checked); // masters and nodes may change under us
            }
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        LOG.log(Level.INFO, "Redis tier started: " + settings.topology() + " "
                + Redaction.redact(settings.nodes()) + ", key prefix " + settings.keyPrefix());
        return engine;
    }

    public RedisSettings settings() {
        return settings;
    }

    RedisKeys keys() {
        return keys;
    }

    SecretDigest digest() {
        return shared.digest();
    }

    /** How long past its expiry a JWT-ID marker is kept ({@code oidc.store.jwt-id-clock-skew}). */
    Duration jwtIdClockSkew() {
        return shared.jwtIdClockSkew();
    }

    int maxValueBytes() {
        return settings.maxValueBytes();
    }

    /**
     * Runs {@code work} on the client; any failure leaves as a {@code StoreException}. While a server
     * found after a topology change fails the engine check, nothing runs: the operation fails as the
     * start would have.
     */
    <T> T call(String substore, String op, Function<UnifiedJedis, T> work) {
        StoreConfigurationException refused = refusal;
        if (refused != null) {
            throw new StoreConfigurationException(refused.getMessage() + " (redis " + substore + "." + op
                    + " refused: the server was checked after a topology change)", refused);
        }
        try {
            return work.apply(jedis);
        } catch (RuntimeException e) {
            if (RedisExceptions.isConnectionProblem(e)) {
                clearIdle();
            }
            throw RedisExceptions.translate(e, substore, op);
        }
    }

    /** {@code EVALSHA}; on {@code NOSCRIPT} loads the script on the node owning the keys and retries once. */
    static Object eval(UnifiedJedis j, LuaScript script, List<byte[]> keys, List<byte[]> args) {
        try {
            return j.evalsha(script.sha1(), keys, args);
        } catch (JedisNoScriptException e) {
            j.scriptLoad(script.source(), keys.get(0));
            return j.evalsha(script.sha1(), keys, args);
        }
    }

    /** One connection pool per server the client talks to (masters; on a cluster every known node). */
    Map<String, ? extends Pool<Connection>> pools() {
        if (jedis instanceof RedisClusterClient c) {
            return c.getClusterNodes();
        }
        if (jedis instanceof RedisSentinelClient c) {
            Map<String, Pool<Connection>> m = new LinkedHashMap<>();
            c.getPrimaryNodesConnectionMap().forEach((node, pool) -> m.put(String.valueOf(node), pool));
            return m;
        }
        return Map.of(settings.nodes().get(0).getHost() + ":" + settings.nodes().get(0).getPort(),
                ((RedisClient) jedis).getPool());
    }

    private void clearIdle() {
        try {
            pools().values().forEach(Pool::clear);
        } catch (RuntimeException ignored) {
            // best effort: a pool that cannot be cleared now is cleared by its idle eviction
        }
    }

    StoreConfigurationException refusal() {
        return refusal;
    }

    void refuse(StoreConfigurationException r) {
        refusal = r;
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        jedis.close();
    }
}
