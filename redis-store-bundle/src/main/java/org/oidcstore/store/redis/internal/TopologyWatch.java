package org.oidcstore.store.redis.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.oidcstore.store.StoreConfigurationException;
import redis.clients.jedis.Connection;
import redis.clients.jedis.util.Pool;

/**
 * Re-runs the {@link EngineCheck} when the servers the client writes to change: a Sentinel failover
 * (Jedis follows {@code +switch-master} and opens a pool to the new master), a Cluster node or
 * master that appears in the client's slot map (Jedis renews it on {@code MOVED} and on connection
 * errors). Every {@link #PERIOD} it compares the client's own view of its nodes, a local lookup, with
 * the nodes already judged; only a node it has not judged yet (or one it refused) costs a round trip.
 * The hot path pays one volatile read ({@link RedisEngine#call}).
 *
 * <p>A refused node (evicting or unreadable policy, not accepted) makes every operation fail with
 * the same {@link StoreConfigurationException} the start would have raised, until the node leaves
 * the topology or is judged acceptable at a later tick ({@code CONFIG SET maxmemory-policy
 * noeviction}). A node that cannot be reached gets no verdict and is tried again at the next tick.
 * Between a change and its tick (at most {@link #PERIOD} plus one check) writes may reach a node
 * not judged yet.
 */
final class TopologyWatch implements AutoCloseable {
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final RedisEngine engine;
    /** Touched only by the watch thread. */
    private final Map<String, EngineCheck.Verdict> verdicts;
    private final ScheduledExecutorService timer;

    TopologyWatch(RedisEngine engine, Map<String, EngineCheck.Verdict> atStart) {
        this.engine = engine;
        this.verdicts = new HashMap<>(atStart);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "oidc-store-redis-topology");
            thread.setDaemon(true);
            return thread;
        });
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = t;
        timer.scheduleWithFixedDelay(this::tick, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            Map<String, ? extends Pool<Connection>> nodes = engine.pools();
            verdicts.keySet().retainAll(nodes.keySet());
            for (Map.Entry<String, ? extends Pool<Connection>> node : nodes.entrySet()) {
                EngineCheck.Verdict known = verdicts.get(node.getKey());
                if (known == null || known.refusal() != null) {
                    try {
                        verdicts.put(node.getKey(), EngineCheck.judge(node.getKey(), node.getValue(),
                                engine.settings()));
                    } catch (RuntimeException unreachable) {
                        // no verdict: the node is tried again at the next tick
                    }
                }
            }
            StoreConfigurationException refusal = null;
            for (Map.Entry<String, ? extends Pool<Connection>> node : nodes.entrySet()) {
                EngineCheck.Verdict v = verdicts.get(node.getKey());
                if (v != null && v.refusal() != null) {
                    refusal = v.refusal();
                    break;
                }
            }
            StoreConfigurationException before = engine.refusal();
            engine.refuse(refusal);
            if (refusal != null && (before == null || !before.getMessage().equals(refusal.getMessage()))) {
                RedisEngine.LOG.log(Level.ERROR, refusal.getMessage() + " (found after a topology change: every "
                        + "operation of the Redis tier fails until it is fixed)");
            } else if (refusal == null && before != null) {
                RedisEngine.LOG.log(Level.INFO, "the Redis tier serves again: every server it writes to has an "
                        + "accepted maxmemory-policy");
            }
        } catch (RuntimeException e) {
            // the client is closing or its topology is being rebuilt: the next tick looks again
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
