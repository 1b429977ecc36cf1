package org.oidcstore.store.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.support.RedisServerProcess;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/** The own Redis Cluster of {@link ClusterFailoverTest}: three masters, one replica each, on free loopback ports. */
final class FailoverCluster {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private FailoverCluster() {
    }

    static RedisServerProcess node(String... args) {
        // a replica's full sync writes an RDB file into the shared directory, which a node started later would
        // load (slots it has keys for become its own): every node gets a file name of its own, deleted at the end
        List<String> all = new ArrayList<>(List.of("--cluster-node-timeout", "2000", "--maxmemory-policy", "noeviction",
                "--dbfilename", "failover-" + java.util.UUID.randomUUID() + ".rdb"));
        all.addAll(List.of(args));
        return RedisServerProcess.startClusterNode(all.toArray(String[]::new));
    }

    /** Three masters with the slots split evenly, each with one replica (nodes 3-5 replicate 0-2). */
    static void form(List<RedisServerProcess> nodes) throws Exception {
        String[][] ranges = {{"0", "5460"}, {"5461", "10922"}, {"10923", "16383"}};
        RedisServerProcess first = nodes.get(0);
        for (int i = 0; i < 3; i++) {
            try (Jedis j = nodes.get(i).admin()) {
                j.sendCommand(Protocol.Command.CLUSTER, "ADDSLOTSRANGE", ranges[i][0], ranges[i][1]);
            }
        }
        for (RedisServerProcess n : nodes.subList(1, nodes.size())) {
            try (Jedis j = n.admin()) {
                j.sendCommand(Protocol.Command.CLUSTER, "MEET", "127.0.0.1", Integer.toString(first.port()),
                        Integer.toString(first.busPort()));
            }
        }
        for (int i = 0; i < 3; i++) {
            String masterId;
            try (Jedis m = nodes.get(i).admin()) {
                masterId = m.clusterMyId();
            }
            RedisServerProcess replica = nodes.get(3 + i);
            await("node " + replica.port() + " replicates " + nodes.get(i).port(), () -> {
                try (Jedis j = replica.admin()) {
                    return "OK".equals(j.clusterReplicate(masterId));
                }
            });
        }
        for (RedisServerProcess n : nodes) {
            await("cluster state ok on " + n.port(), () -> {
                try (Jedis j = n.admin()) {
                    return j.clusterInfo().contains("cluster_state:ok");
                }
            });
        }
        for (RedisServerProcess r : nodes.subList(3, 6)) {
            await("replica " + r.port() + " in sync", () -> {
                try (Jedis j = r.admin()) {
                    return j.info("replication").contains("master_link_status:up");
                }
            });
        }
    }

    static RedisServerProcess replicaOf(List<RedisServerProcess> nodes, RedisServerProcess master) {
        return nodes.get(3 + nodes.indexOf(master));
    }

    /** Polls {@code step} until it returns true; Redis errors of a cluster changing shape are retried. */
    static void await(String what, Supplier<Boolean> step) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(step.get())) {
                    return;
                }
            } catch (JedisException | StoreUnavailableException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": not within " + WAIT, last);
    }
}
