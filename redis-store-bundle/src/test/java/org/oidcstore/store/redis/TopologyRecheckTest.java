package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.support.LogCapture;
import org.oidcstore.store.redis.support.RedisServerProcess;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The {@code maxmemory-policy} check is not only a start-up check: a server that becomes a master
 * later (a Sentinel failover to a replica, a Cluster node taking over slots) is checked when the
 * client starts writing to it, and an evicting policy there stops the store, as it would have
 * stopped its start, until the policy is fixed. On throwaway servers this test starts itself.
 */
class TopologyRecheckTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void aSentinelFailoverToAReplicaWithAnEvictingPolicyStopsTheStoreUntilThePolicyIsFixed() throws Exception {
        try (RedisServerProcess master = RedisServerProcess.start("--maxmemory-policy", "noeviction",
                "--repl-diskless-sync-delay", "0");
             RedisServerProcess replica = RedisServerProcess.startReplicaOf(master, "--maxmemory-policy", "allkeys-lru");
             RedisServerProcess sentinel = RedisServerProcess.startSentinel("m", master);
             LogCapture log = LogCapture.redisTier()) {
            RedisSettings s = RedisSettings.builder().sentinel("m", List.of(sentinel.uri()))
                    .password(RedisServerProcess.PASSWORD).sentinelPassword(RedisServerProcess.PASSWORD)
                    .devModeAllowPlaintext(true).keyPrefix("oidctest:recheck:").timeout(Duration.ofSeconds(2)).build();
            try (RedisStore store = RedisStores.open(s, clock); Jedis admin = sentinel.admin()) {
                mark(store);
                await("Sentinel accepted the failover", () -> {
                    admin.sendCommand(Protocol.Command.SENTINEL, "FAILOVER", "m"); // NOGOODSLAVE until it knows the replica
                    return true;
                });
                assertRefusedThenRecovers(store, log, replica, "allkeys-lru");
            }
        }
    }

    @Test
    void aClusterNodeWithAnEvictingPolicyThatTakesOverSlotsStopsTheStoreUntilThePolicyIsFixed() throws Exception {
        try (RedisServerProcess a = RedisServerProcess.startClusterNode("--maxmemory-policy", "noeviction");
             RedisServerProcess b = RedisServerProcess.startClusterNode("--maxmemory-policy", "volatile-lru");
             Jedis adminA = a.admin(); Jedis adminB = b.admin();
             LogCapture log = LogCapture.redisTier()) {
            adminA.sendCommand(Protocol.Command.CLUSTER, "ADDSLOTSRANGE", "0", "16383");
            await("a one-node cluster", () -> adminA.clusterInfo().contains("cluster_state:ok"));
            RedisSettings s = RedisSettings.builder().cluster(List.of(a.uri())).password(RedisServerProcess.PASSWORD)
                    .devModeAllowPlaintext(true).keyPrefix("oidctest:recheck:").timeout(Duration.ofSeconds(2)).build();
            try (RedisStore store = RedisStores.open(s, clock)) {
                mark(store);
                // b joins as a's replica, then takes a's slots: the client meets it through MOVED
                adminB.sendCommand(Protocol.Command.CLUSTER, "MEET", "127.0.0.1", Integer.toString(a.port()),
                        Integer.toString(a.busPort()));
                String aId = adminA.clusterMyId();
                await("b knows a", () -> adminB.clusterNodes().contains(aId));
                await("b accepts a as its master", () -> "OK".equals(adminB.clusterReplicate(aId)));
                await("b replicates a", () -> adminB.info("replication").contains("master_link_status:up"));
                adminB.sendCommand(Protocol.Command.CLUSTER, "FAILOVER", "TAKEOVER");
                await("b is a master", () -> adminB.info("replication").contains("role:master"));
                assertRefusedThenRecovers(store, log, b, "volatile-lru");
            }
        }
    }

    private void mark(RedisStore store) {
        String jti = Samples.secret("jti");
        store.consumedJwtIds().mark(jti, clock.now().plusSeconds(60));
        assertThat(store.consumedJwtIds().isMarked(jti)).isTrue();
    }

    /**
     * Writes until the store refuses (meanwhile an operation may still succeed, or fail as an
     * outage while the client follows the change, nothing else); then fixes the policy and writes
     * until the store serves again (meanwhile only the refusal or an outage).
     */
    private void assertRefusedThenRecovers(RedisStore store, LogCapture log, RedisServerProcess node,
            String policy) throws Exception {
        List<StoreException> seen = new ArrayList<>();
        StoreConfigurationException refused = await("the store refuses the new master", () -> {
            try {
                mark(store);
                return null;
            } catch (StoreConfigurationException e) {
                return e;
            } catch (StoreUnavailableException following) {
                seen.add(following);
                return null;
            }
        });
        assertThat(refused).hasMessageStartingWith("OIDCS-1440 Redis 127.0.0.1:" + node.port() + " has maxmemory-policy "
                + policy).hasMessageContaining("noeviction")
                .hasMessageContaining("oidc.store.redis.accept-evicting-maxmemory-policy=true")
                .hasMessageContaining("redis consumed-jwt-ids.mark refused");
        assertThat(log.messages()).anyMatch(m -> m.startsWith("OIDCS-1440") && m.contains("after a topology change"));

        try (Jedis admin = node.admin()) {
            admin.configSet("maxmemory-policy", "noeviction");
        }
        await("the store serves again", () -> {
            try {
                mark(store);
                return true;
            } catch (StoreConfigurationException stillRefused) {
                assertThat(stillRefused).hasMessageStartingWith("OIDCS-1440");
                return null;
            }
        });
        System.out.println("[recheck] refused " + policy + " on 127.0.0.1:" + node.port() + " after the change ("
                + seen.size() + " outage failures while the client followed it), served again once fixed");
    }

    /** Polls {@code step} until it returns non-null; Redis errors of a server changing roles are retried. */
    private static <T> T await(String what, Supplier<T> step) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T v = step.get();
                if (v != null && !Boolean.FALSE.equals(v)) {
                    return v;
                }
            } catch (JedisException | StoreUnavailableException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + WAIT + ": " + what, last);
    }
}
