package org.oidcstore.store.redis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisTopology;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * Tells the composite's deployment validation, from configuration alone, which Redis settings are
 * unsafe (plaintext without {@code oidc.store.redis.dev-mode-allow-plaintext}; no AUTH, on the data
 * nodes or the sentinels, without {@code oidc.store.redis.dev-mode-allow-no-auth}; no pepper without
 * its acknowledgement): exactly what the store refuses at start. Which weakening flags the operator
 * set, for a warning at deployment. And every problem that would fail the first operation: the
 * start's own parser and validator ({@code OIDCS-14xx}), and the client libraries that do not load
 * ({@code OIDCS-1470}). Registered in {@code META-INF/services}; never connects.
 *
 * <p>This class, and everything it uses, loads without Jedis, commons-pool2 and SLF4J (it names
 * their classes only as strings), so that it can report them missing.
 */
public final class RedisConfigSafetyCheck implements ConfigSafetyCheck {

    @Override
    public String backend() {
        return "redis";
    }

    @Override
    public List<String> unsafeSettings(Function<String, Optional<String>> config) {
        return RedisSettings.unsafeSettings(config);
    }

    @Override
    public List<String> acknowledgedRisks(Function<String, Optional<String>> config) {
        return RedisSettings.acknowledgedRisks(config);
    }

    @Override
    public List<String> problems(Function<String, Optional<String>> config) {
        List<String> out = new ArrayList<>(RedisSettings.problems(config));
        out.addAll(missingLibraries(RedisSettings.configuredTopology(config)));
        return out;
    }

    /**
     * The libraries the topology's client needs that do not load: Jedis through this bundle's class
     * loader, and Jedis's own dependencies (its pool, its logging API) through Jedis's loader, since
     * it is Jedis that loads them (in OSGi the store's bundle imports no SLF4J package, the Jedis
     * bundle does); through this bundle's loader when Jedis itself is missing.
     */
    static List<String> missingLibraries(RedisTopology topology) {
        String client = switch (topology) {
            case STANDALONE -> "redis.clients.jedis.RedisClient";
            case SENTINEL -> "redis.clients.jedis.RedisSentinelClient";
            case CLUSTER -> "redis.clients.jedis.RedisClusterClient";
        };
        List<String> out = new ArrayList<>();
        ClassLoader own = RedisConfigSafetyCheck.class.getClassLoader();
        Class<?> jedis = load(client, "Jedis 8 (redis.clients:jedis), the Redis client", own, out);
        ClassLoader jedisLoader = jedis == null || jedis.getClassLoader() == null ? own : jedis.getClassLoader();
        load("org.apache.commons.pool2.impl.GenericObjectPool",
                "Apache Commons Pool 2 (org.apache.commons:commons-pool2), Jedis's connection pool", jedisLoader, out);
        load("org.slf4j.LoggerFactory", "SLF4J (org.slf4j:slf4j-api), the logging API Jedis calls", jedisLoader, out);
        return out;
    }

    /** The class, or {@code null} after adding the line that names its missing library. */
    private static Class<?> load(String className, String library, ClassLoader loader, List<String> out) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            out.add(RedisMessages.LIBRARY_MISSING + " the Redis tier needs " + library + ", but " + className
                    + " does not load here ("
                    + e.getClass().getSimpleName() + "); add the library to the application (a WAR's WEB-INF/lib;"
                    + " on Karaf, install the oidc-store-redis feature)");
            return null;
        }
    }
}
