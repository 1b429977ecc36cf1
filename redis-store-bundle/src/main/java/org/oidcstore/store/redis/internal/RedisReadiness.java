package org.oidcstore.store.redis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.oidcstore.store.Readiness;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreException;
import redis.clients.jedis.Connection;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/**
 * The Redis tier's readiness probe: the engine is started (or starts now, within
 * {@code oidc.store.redis.timeout}), {@code PING} answers within the same timeout, no server found
 * after a topology change was refused, and every server's {@code maxmemory-policy}, read again, is
 * still safe (or its risk accepted by name). A Redis that went away is not ready; one that came
 * back is ready again at the next probe, through the same engine and pools (no restart).
 */
final class RedisReadiness {
    private RedisReadiness() {
    }

    static Readiness probe(EngineHolder holder) {
        long started = System.nanoTime();
        try {
            RedisEngine engine = holder.get();
            engine.call("tier", "readiness", UnifiedJedis::ping);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            StoreConfigurationException refused = engine.refusal();
            if (refused != null) {
                return Readiness.notReady(RedisAggregate.BACKEND + ": " + refused.getMessage());
            }
            Map<String, ? extends Pool<Connection>> pools = engine.call("tier", "readiness", j -> engine.pools());
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, ? extends Pool<Connection>> node : pools.entrySet()) {
                String problem = engine.call("tier", "readiness",
                        j -> EngineCheck.refusalNow(node.getKey(), node.getValue(), engine.settings()));
                if (problem != null) {
                    problems.add(problem);
                }
            }
            if (!problems.isEmpty()) {
                return Readiness.notReady(RedisAggregate.BACKEND + ": " + String.join("; ", problems));
            }
            return Readiness.ready(RedisAggregate.BACKEND + ": PING answered in " + ms + " ms; maxmemory-policy safe on "
                    + pools.size() + " server(s)");
        } catch (StoreException e) {
            return Readiness.notReady(RedisAggregate.BACKEND + ": " + e.getMessage());
        }
    }
}
