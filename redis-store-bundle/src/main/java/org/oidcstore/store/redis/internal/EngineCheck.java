package org.oidcstore.store.redis.internal;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oidcstore.store.StoreConfigurationException;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.Pool;

/**
 * The start-up check of the server's {@code maxmemory-policy}. A policy other than
 * {@code noeviction} lets Redis evict keys under memory pressure, and an evicted JWT-ID marker or
 * consumed-PAR marker silently reopens a replay window; so such a policy stops the start unless
 * the operator accepts the risk by name. Read with {@code CONFIG GET}, or from {@code INFO memory}
 * where CONFIG is disabled or not granted (managed Redis); when neither answers, a warning says the
 * policy could not be verified.
 */
final class EngineCheck {
    static final String FLAG = "oidc.store.redis.accept-evicting-maxmemory-policy";

    private EngineCheck() {
    }

    static void maxmemoryPolicy(RedisEngine engine) {
        Map<String, ? extends Pool<Connection>> pools = engine.call("tier", "engine-check", j -> engine.pools());
        for (Map.Entry<String, ? extends Pool<Connection>> node : pools.entrySet()) {
            Optional<String> policy = engine.call("tier", "engine-check", j -> policyOf(node.getValue()));
            if (policy.isEmpty()) {
                RedisEngine.LOG.log(Level.WARNING, "OIDCS-1441 the maxmemory-policy of Redis " + node.getKey()
                        + " could not be verified (CONFIG GET and INFO are disabled or not granted); make sure it is "
                        + "noeviction, or evicted JWT-ID and PAR markers will reopen replay windows");
            } else if (!"noeviction".equals(policy.get())) {
                if (!engine.settings().acceptEvictingMaxmemoryPolicy()) {
                    throw new StoreConfigurationException("OIDCS-1440 Redis " + node.getKey() + " has maxmemory-policy "
                            + policy.get() + ", which can evict live JWT-ID and consumed-PAR markers and reopen replay "
                            + "windows; set maxmemory-policy noeviction on the server, or accept the risk with " + FLAG
                            + "=true");
                }
                RedisEngine.LOG.log(Level.WARNING, "OIDCS-1442 Redis " + node.getKey() + " has maxmemory-policy "
                        + policy.get() + "; accepted by " + FLAG + "=true: evicted JWT-ID and PAR markers reopen "
                        + "replay windows");
            }
        }
    }

    private static Optional<String> policyOf(Pool<Connection> pool) {
        try (Connection c = pool.getResource()) {
            try {
                Object reply = c.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("GET")
                        .add("maxmemory-policy"));
                if (reply instanceof List<?> l && l.size() == 2 && l.get(1) instanceof byte[] v) {
                    return Optional.of(new String(v, StandardCharsets.UTF_8));
                }
            } catch (JedisDataException refused) {
                // unknown/renamed command or NOPERM: try INFO below
            }
            try {
                Object reply = c.executeCommand(new CommandArguments(Protocol.Command.INFO).add("memory"));
                if (reply instanceof byte[] b) {
                    for (String line : new String(b, StandardCharsets.UTF_8).split("\r?\n")) {
                        if (line.startsWith("maxmemory_policy:")) {
                            return Optional.of(line.substring("maxmemory_policy:".length()).trim());
                        }
                    }
                }
            } catch (JedisDataException refused) {
                // neither is available: unverifiable
            }
            return Optional.empty();
        }
    }
}
