package org.oidcstore.store.redis.internal;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.RedisSettings;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.Pool;

/**
 * The check of each server's {@code maxmemory-policy}. A policy other than {@code noeviction} lets
 * Redis evict keys under memory pressure, and an evicted JWT-ID marker, consumed-PAR marker or
 * consumed device authorization or CIBA request (or a device user-code reservation) silently reopens
 * a replay window (or lets a live user code be handed out twice); so such a policy is refused unless the operator accepts the
 * risk by name ({@code OIDCS-1440}). Read with {@code CONFIG GET}, or from {@code INFO memory} where
 * CONFIG is disabled or not granted (managed Redis). A policy that cannot be read at all is refused
 * too ({@code OIDCS-1443}), outside dev mode, unless accepted by name
 * ({@code accept-unverified-maxmemory-policy}; {@code accept-evicting-maxmemory-policy} covers it as
 * well: an unreadable policy is at worst evicting).
 *
 * <p>It runs at start on every node the client knows, and again on each node that appears later
 * (a Sentinel failover, a Cluster node or master added): see {@link TopologyWatch}.
 */
final class EngineCheck {
    static final String ACCEPT_EVICTING = RedisSettings.PREFIX + "accept-evicting-maxmemory-policy";
    static final String ACCEPT_UNVERIFIED = RedisSettings.PREFIX + "accept-unverified-maxmemory-policy";

    /** The judgement of one node: its policy ({@code null}: unreadable) and the refusal, if any. */
    record Verdict(String policy, StoreConfigurationException refusal) {
    }

    private EngineCheck() {
    }

    /**
     * Checks every node known at start; fails the start with every refused node listed.
     *
     * @return the verdict per node, for {@link TopologyWatch}
     */
    static Map<String, Verdict> atStart(RedisEngine engine) {
        Map<String, ? extends Pool<Connection>> pools = engine.call("tier", "engine-check", j -> engine.pools());
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, ? extends Pool<Connection>> node : pools.entrySet()) {
            Verdict v = engine.call("tier", "engine-check", j -> judge(node.getKey(), node.getValue(), engine.settings()));
            verdicts.put(node.getKey(), v);
            if (v.refusal() != null) {
                refused.add(v.refusal().getMessage());
            }
        }
        if (!refused.isEmpty()) {
            throw new StoreConfigurationException(String.join("\n", refused));
        }
        return verdicts;
    }

    /**
     * Reads the policy of one node and judges it; logs the warning of an accepted risk.
     *
     * @throws RuntimeException (a Jedis exception) when the node cannot be reached: no verdict
     */
    static Verdict judge(String node, Pool<Connection> pool, RedisSettings s) {
        return judge(node, policyOf(pool), s, true);
    }

    /**
     * The refusal of one node's policy as the readiness probe sees it, read again now, without the
     * warnings of accepted risks (they were logged at start); {@code null} when the policy is safe
     * or its risk accepted.
     *
     * @throws RuntimeException (a Jedis exception) when the node cannot be reached
     */
    static String refusalNow(String node, Pool<Connection> pool, RedisSettings s) {
        StoreConfigurationException r = judge(node, policyOf(pool), s, false).refusal();
        return r == null ? null : r.getMessage();
    }

    private static Verdict judge(String node, Optional<String> policy, RedisSettings s, boolean warn) {
        if (policy.isEmpty()) {
            String acceptedBy = s.acceptUnverifiedMaxmemoryPolicy() ? ACCEPT_UNVERIFIED + "=true"
                    : s.acceptEvictingMaxmemoryPolicy() ? ACCEPT_EVICTING + "=true"
                    : s.devMode() ? "dev mode" : null;
            if (acceptedBy == null) {
                return new Verdict(null, new StoreConfigurationException(RedisMessages.POLICY_UNREADABLE
                        + " the maxmemory-policy of Redis "
                        + node + " cannot be read (CONFIG GET and INFO are disabled or not granted), so the store "
                        + "cannot make sure that Redis never evicts a live JWT-ID, PAR, device-code or CIBA marker; grant +info (or "
                        + "+config|get) to the store's Redis user, or accept the risk with " + ACCEPT_UNVERIFIED
                        + "=true"));
            }
            if (warn) {
                RedisEngine.LOG.log(Level.WARNING, RedisMessages.POLICY_UNREAD_ACCEPTED
                        + " the maxmemory-policy of Redis " + node + " could not be "
                        + "verified (CONFIG GET and INFO are disabled or not granted); accepted by " + acceptedBy
                        + ": make sure it is noeviction, or evicted JWT-ID, PAR, device-code and CIBA markers will reopen replay windows");
            }
            return new Verdict(null, null);
        }
        if ("noeviction".equals(policy.get())) {
            return new Verdict(policy.get(), null);
        }
        if (!s.acceptEvictingMaxmemoryPolicy()) {
            return new Verdict(policy.get(), new StoreConfigurationException(RedisMessages.EVICTING_POLICY
                    + " Redis " + node
                    + " has maxmemory-policy " + policy.get() + ", which can evict live JWT-ID, consumed-PAR, "
                    + "device-code and CIBA markers and reopen replay windows; set maxmemory-policy noeviction on the server, or accept "
                    + "the risk with " + ACCEPT_EVICTING + "=true"));
        }
        if (warn) {
            RedisEngine.LOG.log(Level.WARNING, RedisMessages.EVICTING_POLICY_ACCEPTED + " Redis " + node
                    + " has maxmemory-policy " + policy.get()
                    + "; accepted by " + ACCEPT_EVICTING + "=true: evicted JWT-ID, PAR, device-code and CIBA markers reopen "
                    + "replay windows");
        }
        return new Verdict(policy.get(), null);
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
