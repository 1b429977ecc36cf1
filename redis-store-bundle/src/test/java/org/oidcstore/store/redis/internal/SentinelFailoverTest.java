package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.support.TestServers;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Samples;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;

/**
 * A Sentinel failover under a running store (and back): while the master moves, operations fail
 * only with StoreUnavailableException; afterwards the same store instance writes to the new master
 * (its scripts reloaded there after NOSCRIPT) and reads what was replicated before the switch.
 */
class SentinelFailoverTest {
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @Test
    void theStoreFollowsAFailoverAndBackWithoutARestart() throws Exception {
        String prefix = RedisFixture.newPrefix();
        try (RedisFixture f = new RedisFixture(Topology.SENTINEL, prefix);
             AdminClient sentinel = new AdminClient(RedisSettings.builder().standalone(TestServers.sentinels().get(0))
                     .user(TestServers.adminUser()).password(TestServers.adminPassword())
                     .truststore(TestServers.truststore()).truststorePassword(TestServers.STORE_PASSWORD).build())) {
            RedisStore store = f.redisStore();
            Samples samples = new Samples(f.clock());
            for (int round = 0; round < 2; round++) {
                Session session = samples.session("failover");
                store.sessions().save(session);
                PushedAuthorizationRequest par = samples.par("c");
                store.pushedAuthorizationRequests().save(par);
                // replication is asynchronous: WAIT covers only the writes of its own connection, so the
                // admin writes a marker after the store's writes and waits for a replica to ack it (the
                // replication stream is ordered); after round 0 the demoted master must first rejoin
                await(() -> {
                    f.admin().jedis().set(prefix + "sync", "round-" + System.nanoTime());
                    return (Long) f.admin().jedis().executeCommand(new CommandArguments(Protocol.Command.WAIT)
                            .add("1").add("1000")) >= 1 ? "synced" : null;
                }, new ArrayList<>());
                String before = master(sentinel);

                // the store keeps working while the master moves: every failure it reports must be
                // StoreUnavailableException (nothing else, e.g. no misread reply or wrong error type)
                Traffic traffic = new Traffic(store, f, session);
                traffic.start();
                failover(sentinel);
                List<Throwable> failures = new ArrayList<>();
                String after = await(() -> {
                    String m = master(sentinel);
                    return m.equals(before) ? null : m;
                }, failures);
                assertThat(after).as("round %d: Sentinel promoted the replica", round).isNotEqualTo(before);
                // until Sentinel demotes the old master it still accepts writes, and a client that has not
                // seen +switch-master yet writes there (lost afterwards: Redis replication is asynchronous,
                // see the README's non-guarantees); the checks below start once that window is closed
                await(() -> role(before).equals("slave") ? "demoted" : null, failures);
                traffic.stop();
                failures.addAll(traffic.failures);

                // the very store instance writes to the new master (scripts and all)
                await(() -> {
                    store.consumedJwtIds().mark(Samples.secret("jti"), f.clock().now().plusSeconds(60));
                    return "ok";
                }, failures);
                assertThat(store.sessions().find(session.sessionId())).as("replicated before the switch").contains(session);
                assertThat(store.pushedAuthorizationRequests().consume(par.requestUri())).contains(par);
                org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> store.pushedAuthorizationRequests().consume(par.requestUri()))
                        .isInstanceOf(AlreadyConsumedException.class);
                assertThat(store.sessions().listByChooserGroup("failover", null, 1000).items()).contains(session);
                assertThat(traffic.successes).as("round %d: operations ran during the failover", round).isPositive();
                assertThat(failures).as("failures seen while the master moved")
                        .allMatch(t -> t instanceof StoreUnavailableException);
                System.out.println("[failover] round " + round + ": " + before + " -> " + after + ", "
                        + traffic.successes + " operations succeeded and " + failures.size()
                        + " failed with StoreUnavailableException while it moved");
            }
        }
    }

    /** Store operations in a loop on a thread of their own, recording every outcome. */
    private static final class Traffic implements Runnable {
        private final RedisStore store;
        private final RedisFixture f;
        private final Session session;
        private final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;
        private volatile int successes;
        private Thread thread;

        Traffic(RedisStore store, RedisFixture f, Session session) {
            this.store = store;
            this.f = f;
            this.session = session;
        }

        void start() {
            thread = new Thread(this, "failover-traffic");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(RECOVERY.toMillis());
        }

        @Override
        public void run() {
            while (running) {
                try {
                    store.consumedJwtIds().mark(Samples.secret("jti"), f.clock().now().plusSeconds(60));
                    store.sessions().find(session.sessionId());
                    successes++;
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static String master(AdminClient sentinel) {
        List<?> addr = (List<?>) sentinel.jedis().executeCommand(new CommandArguments(Protocol.Command.SENTINEL)
                .add("GET-MASTER-ADDR-BY-NAME").add(TestServers.sentinelMaster()));
        return new String((byte[]) addr.get(0), StandardCharsets.UTF_8) + ":"
                + new String((byte[]) addr.get(1), StandardCharsets.UTF_8);
    }

    private static String role(String hostPort) {
        URI node = URI.create("rediss://" + hostPort);
        try (AdminClient direct = new AdminClient(RedisSettings.builder().standalone(node)
                .user(TestServers.adminUser()).password(TestServers.adminPassword())
                .truststore(TestServers.truststore()).truststorePassword(TestServers.STORE_PASSWORD).build())) {
            String info = direct.jedis().info("replication");
            return info.contains("role:slave") ? "slave" : "master";
        } catch (redis.clients.jedis.exceptions.JedisException changingRole) {
            return "unknown"; // a node switching roles drops its clients: ask again
        }
    }

    /** SENTINEL FAILOVER, retried while the previous one settles (NOGOODSLAVE / INPROG). */
    private static void failover(AdminClient sentinel) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (true) {
            try {
                sentinel.jedis().executeCommand(new CommandArguments(Protocol.Command.SENTINEL).add("FAILOVER")
                        .add(TestServers.sentinelMaster()));
                return;
            } catch (redis.clients.jedis.exceptions.JedisDataException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Polls {@code step} until it returns non-null; StoreExceptions met on the way are collected. */
    private static <T> T await(Supplier<T> step, List<Throwable> failures) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                T v = step.get();
                if (v != null) {
                    return v;
                }
            } catch (org.oidcstore.store.StoreException e) {
                failures.add(e);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not recovered within " + RECOVERY + "; failures: " + failures);
    }
}
