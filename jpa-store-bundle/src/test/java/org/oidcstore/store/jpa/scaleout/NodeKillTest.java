package org.oidcstore.store.jpa.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.tck.Samples;

/**
 * A database node killed ({@code kill -9}) under load. Three provider nodes, one per database node,
 * each with two threads that save a code and redeem it at once through the next provider node (a
 * login on one node, the token request on another). Node 3 is killed mid-run: the provider nodes on
 * nodes 1 and 2 go on (after the cluster's pause while it evicts the dead member), the one on node 3
 * gets typed errors; node 3 is restarted by the services script, rejoins (IST) and serves again.
 * Never a wrong answer: every redeem of a committed code returns it or fails with a
 * {@link StoreException}, never "absent" or "already redeemed"; afterwards every node holds every
 * committed code, and exactly the redeemed ones are marked redeemed. Runs under {@code -Pscale-out}.
 */
@Tag("scale-out")
class NodeKillTest {
    private static final int THREADS_PER_NODE = 2;

    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Per provider node (0-2): the nanoTime of the last successful redeem. */
    private final AtomicLong[] lastSuccess = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    /** Per provider node: the longest gap between successful redeems (nanos). */
    private final AtomicLong[] longestGap = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final List<String> wrongAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong saved = new AtomicLong();
    private final AtomicLong redeemed = new AtomicLong();
    /** Saves and redeems whose connection died while they ran: they may or may not have committed. */
    private final AtomicLong inDoubtSaves = new AtomicLong();
    private final AtomicLong inDoubtRedeems = new AtomicLong();

    @Test
    void operationsGoOnThroughTheOtherNodesAndTheKilledNodeRejoinsWithEverything() throws Exception {
        OidcStore[] stores = {NodeStores.node(1), NodeStores.node(2), NodeStores.node(3)};
        NodeStores.clear(1);
        NodeStores.CLOCK.set(Instant.now());
        Samples samples = new Samples(NodeStores.CLOCK);
        List<Thread> threads = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            for (int t = 0; t < THREADS_PER_NODE; t++) {
                int n = node;
                Thread th = new Thread(() -> work(n, stores[n], stores[(n + 1) % 3], samples), "node" + (n + 1) + "-" + t);
                th.setDaemon(true);
                threads.add(th);
            }
        }
        long t0 = System.nanoTime();
        for (int n = 0; n < 3; n++) {
            lastSuccess[n].set(t0);
        }
        threads.forEach(Thread::start);
        Thread.sleep(5_000);
        long savedBeforeKill = saved.get();

        Galera.kill9(3);
        long killed = System.nanoTime();
        Thread.sleep(15_000); // the outage: the cluster evicts node 3, provider nodes 1 and 2 go on
        for (int n = 0; n < 2; n++) {
            assertThat(System.nanoTime() - lastSuccess[n].get()).as("provider node %d redeems again during the outage",
                    n + 1).isLessThan(Duration.ofSeconds(5).toNanos());
        }
        Path errorLog = Path.of(System.getenv().getOrDefault("OIDC_SERVICES_DIR", "/tmp/oidc-store-services"), "galera",
                "node3", "error.log");
        long logOffset = Files.size(errorLog);
        long restart = System.nanoTime();
        Galera.startNode(3, Duration.ofMinutes(3));
        double rejoinSeconds = (System.nanoTime() - restart) / 1e9;
        Thread.sleep(5_000); // node 3 serves again
        running.set(false);
        for (Thread th : threads) {
            th.join(60_000);
        }
        long outageMillis = (restart - killed) / 1_000_000;
        byte[] log = Files.readAllBytes(errorLog);
        String rejoinLog = new String(log, (int) logOffset, log.length - (int) logOffset,
                java.nio.charset.StandardCharsets.UTF_8);
        // an IST rejoin logs "Receiving IST: N writesets"; without it the joiner took a full copy (SST)
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Receiving IST: (\\d+) writesets").matcher(rejoinLog);
        String transfer = m.find() ? "IST (" + m.group(1) + " write sets)"
                : rejoinLog.contains("WSREP: SST received") ? "SST (full copy)" : "unknown state transfer";

        long[] rows = new long[3];
        long[] consumed = new long[3];
        for (int n = 1; n <= 3; n++) {
            try (Connection c = Galera.connect(n); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(consumed_at) FROM oidc_authorization_code")) {
                rs.next();
                rows[n - 1] = rs.getLong(1);
                consumed[n - 1] = rs.getLong(2);
            }
        }
        System.out.printf("[node kill] kill -9 of node 3 after %d saved codes; outage %d ms; rejoin %.1f s by %s;%n"
                + "  longest pause between redeems: node1 %.1f s, node2 %.1f s, node3 %.1f s (killed);%n"
                + "  saved %d (+%d in doubt), redeemed %d (+%d in doubt); rows on nodes 1/2/3: %d/%d/%d,"
                + " redeemed rows: %d/%d/%d;%n"
                + "  errors seen by callers: %s%n",
                savedBeforeKill, outageMillis, rejoinSeconds, transfer, longestGap[0].get() / 1e9,
                longestGap[1].get() / 1e9, longestGap[2].get() / 1e9, saved.get(), inDoubtSaves.get(), redeemed.get(),
                inDoubtRedeems.get(), rows[0], rows[1],
                rows[2], consumed[0], consumed[1], consumed[2], new TreeMap<>(toLongs()));

        assertThat(wrongAnswers).as("wrong answers (a committed code absent or already redeemed)").isEmpty();
        assertThat(rows[1]).as("nodes agree").isEqualTo(rows[0]);
        assertThat(rows[2]).as("the rejoined node holds what the others hold").isEqualTo(rows[0]);
        assertThat(consumed[1]).isEqualTo(consumed[0]);
        assertThat(consumed[2]).isEqualTo(consumed[0]);
        assertThat(rows[0]).as("every committed code, plus saves whose outcome the caller could not know")
                .isBetween(saved.get(), saved.get() + inDoubtSaves.get());
        assertThat(consumed[0]).as("every redeemed code marked redeemed, plus redeems in doubt")
                .isBetween(redeemed.get(), redeemed.get() + inDoubtRedeems.get());
        assertThat(errors.keySet()).as("errors seen by callers are typed store errors")
                .allMatch(k -> k.startsWith("node3:") || k.contains("StoreUnavailableException")
                        || k.contains("ConflictException"));
        assertThat(redeemed.get()).isGreaterThan(savedBeforeKill);
    }

    private Map<String, Long> toLongs() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void work(int node, OidcStore here, OidcStore next, Samples samples) {
        while (running.get()) {
            AuthorizationCode code = samples.code();
            try {
                here.authorizationCodes().save(code);
            } catch (StoreException e) {
                error(node, "save", e);
                if (e instanceof org.oidcstore.store.StoreUnavailableException) {
                    inDoubtSaves.incrementAndGet();
                }
                pause();
                continue;
            } catch (RuntimeException e) {
                wrongAnswers.add("save on node " + (node + 1) + ": " + e);
                continue;
            }
            saved.incrementAndGet();
            // the redeem goes to the next provider node; if that one is down, to this one
            boolean inDoubt = false;
            boolean answered = false;
            for (OidcStore s : new OidcStore[] {next, here}) {
                answered = true;
                try {
                    Optional<AuthorizationCode> got = s.authorizationCodes().consume(code.code());
                    if (got.isEmpty()) {
                        wrongAnswers.add("a committed code redeemed as absent");
                    } else {
                        redeemed.incrementAndGet();
                        long now = System.nanoTime();
                        long gap = now - lastSuccess[node].getAndSet(now);
                        longestGap[node].accumulateAndGet(gap, Math::max);
                    }
                    break;
                } catch (org.oidcstore.store.AlreadyConsumedException e) {
                    if (inDoubt) {
                        inDoubtRedeems.incrementAndGet(); // the first attempt committed before its node died
                    } else {
                        wrongAnswers.add("a committed, never redeemed code redeemed as already redeemed: " + e);
                    }
                    break;
                } catch (StoreException e) {
                    error(node, "redeem", e);
                    inDoubt |= e instanceof org.oidcstore.store.StoreUnavailableException;
                    answered = false;
                } catch (RuntimeException e) {
                    wrongAnswers.add("redeem: " + e);
                    break;
                }
            }
            if (!answered && inDoubt) {
                inDoubtRedeems.incrementAndGet(); // every attempt lost its node: it may have committed
            }
        }
    }

    private void error(int node, String op, StoreException e) {
        errors.computeIfAbsent("node" + (node + 1) + ":" + op + ":" + e.getClass().getSimpleName(), k -> new AtomicLong())
                .incrementAndGet();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
