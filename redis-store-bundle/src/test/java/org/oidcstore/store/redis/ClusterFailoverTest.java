package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.support.RedisServerProcess;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster master killed ({@code kill -9}) under load. The test runs its own cluster of three
 * masters, each with a replica ({@code cluster-node-timeout} 2 s), all on 127.0.0.1; threads mark
 * fresh JWT IDs, re-mark them (a replay), and save and consume pushed requests, while one master is
 * killed (or frozen) and its replica takes over, and then comes back as a replica. Every call answers with success, the contract's replay
 * answer, or {@link StoreUnavailableException}, nothing else; no call outlasts the configured
 * timeout plus one attempt; the store serves again without a restart. Markers and pushed requests
 * acknowledged by the old master but never replicated are lost by the failover (Redis replicates
 * asynchronously): counted, with and without {@code min-replicas-to-write 1}, and printed. Runs
 * under {@code -Pscale-out}.
 */
@Tag("scale-out")
class ClusterFailoverTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /**
     * The documented bound: the timeout, plus one attempt that started just before it ran out
     * (plaintext: a read and a reconnect, 45 % of the timeout each), plus 250 ms for a loaded machine.
     */
    private static final Duration BOUND = TIMEOUT.plus(TIMEOUT.multipliedBy(9).dividedBy(10)).plusMillis(250);
    private static final int THREADS = 4;

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void aMasterKilledUnderLoadWithoutMinReplicasToWrite() throws Exception {
        failover("kill -9, without min-replicas-to-write", false);
    }

    @Test
    void aMasterKilledUnderLoadWithMinReplicasToWrite() throws Exception {
        failover("kill -9, with min-replicas-to-write 1", false, "--min-replicas-to-write", "1",
                "--min-replicas-max-lag", "1");
    }

    /** A frozen master (SIGSTOP) keeps its sockets open: every call to it waits for its read timeout. */
    @Test
    void aMasterFrozenUnderLoad() throws Exception {
        failover("SIGSTOP, without min-replicas-to-write", true);
    }

    private void failover(String label, boolean freeze, String... masterArgs) throws Exception {
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(FailoverCluster.node(masterArgs));
            }
            for (int i = 0; i < 3; i++) {
                nodes.add(FailoverCluster.node(masterArgs)); // a replica is promoted with its own configuration
            }
            FailoverCluster.form(nodes);
            RedisSettings s = RedisSettings.builder().cluster(nodes.subList(0, 3).stream().map(RedisServerProcess::uri)
                    .toList()).password(RedisServerProcess.PASSWORD).devModeAllowPlaintext(true)
                    .keyPrefix("oidctest:failover:").timeout(TIMEOUT).build();
            try (RedisStore store = RedisStores.open(s, clock)) {
                run(label, freeze, store, nodes);
            }
        } finally {
            nodes.forEach(RedisServerProcess::close);
            try (var files = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("target"), "failover-*.rdb")) {
                for (java.nio.file.Path f : files) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
        }
    }

    private record Acknowledged(String kind, String id) {
    }

    private void run(String label, boolean freeze, RedisStore store, List<RedisServerProcess> nodes)
            throws Exception {
        Samples samples = new Samples(clock);
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicLong longestNanos = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread th = new Thread(() -> {
                while (running.get()) {
                    String jti = Samples.secret("jti");
                    String first = call("mark", () -> {
                        store.consumedJwtIds().mark(jti, clock.now().plusSeconds(300));
                        return "ok";
                    }, outcomes, wrong, longestNanos, calls);
                    if ("ok".equals(first)) {
                        acknowledged.add(new Acknowledged("marker", jti));
                        String replay = call("re-mark", () -> {
                            store.consumedJwtIds().mark(jti, clock.now().plusSeconds(300));
                            return "second winner";
                        }, outcomes, wrong, longestNanos, calls);
                        if ("second winner".equals(replay)) {
                            outcomes.computeIfAbsent("re-mark:accepted (marker lost)", k -> new AtomicLong())
                                    .incrementAndGet();
                        }
                    }
                    PushedAuthorizationRequest r = samples.par("client-a");
                    if ("ok".equals(call("par save", () -> {
                        store.pushedAuthorizationRequests().save(r);
                        return "ok";
                    }, outcomes, wrong, longestNanos, calls))) {
                        // absent: acknowledged by the old master, never replicated (the deny direction)
                        call("par consume", () -> store.pushedAuthorizationRequests().consume(r.requestUri())
                                .map(x -> "ok").orElse("absent (request lost)"), outcomes, wrong, longestNanos, calls);
                    }
                }
            }, "failover-load-" + t);
            th.setDaemon(true);
            threads.add(th);
        }
        threads.forEach(Thread::start);
        Thread.sleep(3_000);
        long before = acknowledged.size();
        RedisServerProcess victim = nodes.get(0);
        if (freeze) {
            victim.signal("STOP");
        } else {
            victim.kill();
        }
        long killed = System.nanoTime();
        RedisServerProcess replica = FailoverCluster.replicaOf(nodes, victim);
        FailoverCluster.await("the replica of the killed master is promoted",
                () -> { try (Jedis j = replica.admin()) { return j.info("replication").contains("role:master"); } });
        long promoted = System.nanoTime();
        FailoverCluster.await("the store serves again without a restart", () -> {
            String jti = Samples.secret("probe");
            try {
                store.consumedJwtIds().mark(jti, clock.now().plusSeconds(60));
                return store.consumedJwtIds().isMarked(jti);
            } catch (StoreUnavailableException notYet) {
                return false;
            }
        });
        long served = System.nanoTime();
        Thread.sleep(2_000);
        // the old master comes back (thawed, or restarted with its cluster state) and rejoins as a replica:
        // then every slot takes writes again, min-replicas-to-write included
        if (freeze) {
            victim.signal("CONT");
        } else {
            victim.restart();
        }
        FailoverCluster.await("the old master replicates the promoted one", () -> {
            try (Jedis j = victim.admin()) {
                return j.info("replication").contains("master_link_status:up");
            }
        });
        long rejoined = System.nanoTime();
        FailoverCluster.await("every slot takes writes again", () -> {
            for (int i = 0; i < 300; i++) {
                try {
                    store.consumedJwtIds().mark(Samples.secret("after"), clock.now().plusSeconds(60));
                } catch (StoreUnavailableException notYet) {
                    return false;
                }
            }
            return true;
        });
        long allWritable = System.nanoTime();
        running.set(false);
        for (Thread th : threads) {
            th.join(30_000);
        }
        int lostMarkers = 0;
        int checked = 0;
        for (Acknowledged a : acknowledged) {
            if (a.kind().equals("marker")) {
                checked++;
                if (!store.consumedJwtIds().isMarked(a.id())) {
                    lostMarkers++;
                }
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.get()));
        System.out.printf("[cluster failover] %s: %d calls; master failed after %d acknowledged writes;"
                + " replica promoted after %.1f s, store served again after %.1f s, old master back as a replica after"
                + " %.1f s, every slot writable after %.1f s;%n  longest call %d ms (bound %d ms);"
                + " acknowledged markers lost %d of %d; outcomes %s%n", label, calls.get(), before,
                (promoted - killed) / 1e9, (served - killed) / 1e9, (rejoined - killed) / 1e9,
                (allWritable - killed) / 1e9, longestNanos.get() / 1_000_000, BOUND.toMillis(),
                lostMarkers, checked, counts);
        assertThat(wrong).as("answers other than success, the replay answer or StoreUnavailableException").isEmpty();
        assertThat(Duration.ofNanos(longestNanos.get())).as("the longest call, against timeout + one attempt")
                .isLessThanOrEqualTo(BOUND);
    }

    /** One timed call: its answer ("ok", …), or null after a typed failure (counted), or a wrong answer recorded. */
    private static String call(String op, Supplier<String> work, Map<String, AtomicLong> outcomes,
            ConcurrentLinkedQueue<String> wrong, AtomicLong longest, AtomicLong calls) {
        long t0 = System.nanoTime();
        String key;
        String answer = null;
        try {
            answer = work.get();
            key = op + ":" + answer;
        } catch (AlreadyConsumedException e) {
            key = op + ":" + (op.equals("re-mark") ? "replay refused" : "AlreadyConsumedException");
            if (!op.equals("re-mark")) {
                wrong.add(op + ": " + e);
            }
        } catch (StoreUnavailableException e) {
            key = op + ":StoreUnavailableException";
        } catch (RuntimeException e) {
            key = op + ":" + e.getClass().getSimpleName();
            wrong.add(op + ": " + e);
        }
        long took = System.nanoTime() - t0;
        longest.accumulateAndGet(took, Math::max);
        calls.incrementAndGet();
        outcomes.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        return answer;
    }
}
