package org.oidcstore.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.Grant;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;

/**
 * The durable flow on a three-node MariaDB Galera cluster (the services' one, 127.0.0.1:3311-3313)
 * against the single MariaDB server, back to back in every round: what certification and causal
 * reads ({@code wsrep_sync_wait=3}) cost. Contenders, all our JPA store: <b>single MariaDB</b>;
 * <b>Galera, one node</b> (every step through node 1); <b>Galera, three nodes</b> (issue through
 * node 1, redeem through node 2, rotate through node 3: a login, a token request and a refresh
 * served by three provider nodes).
 */
final class GaleraFlow {
    static final String CASE = "galera-flow";
    private static final String[] STEPS = {"issue", "redeem", "rotate"};
    private static final String GALERA_URL = System.getProperty("bench.galera.url", "jdbc:mariadb://127.0.0.1:%d/");
    private static final int[] GALERA_PORTS = {3311, 3312, 3313};

    private GaleraFlow() {
    }

    static void run() throws SQLException {
        Summary.reset(CASE);
        Db.recreate();
        recreateGalera();
        List<JpaStore> stores = new ArrayList<>();
        try {
            JpaStore single = Db.openJpa();
            stores.add(single);
            JpaStore[] nodes = new JpaStore[3];
            for (int i = 0; i < 3; i++) {
                nodes[i] = JpaStores.open(JpaSettings.forUrl(galeraUrl(i) + "?sessionVariables=wsrep_sync_wait=3",
                        Bench.DB_USER, Bench.DB_PASSWORD).withMigrate(i == 0).withPoolSize(Bench.POOL)
                        .withGcInterval(Duration.ZERO));
                stores.add(nodes[i]);
            }
            List<Flow> flows = List.of(new OursFlow("single MariaDB", single),
                    new OursFlow("Galera, one node", nodes[0]), new CrossNode(nodes));
            long warm = Bench.size(3_000, 500) * 1_000_000L;
            long round = Bench.size(4_000, 1_000) * 1_000_000L;
            int rounds = Bench.rounds(5, 1);
            Md md = new Md();
            md.h(2, "Durable flow on a three-node MariaDB Galera cluster");
            md.p(Md.f("The flow of case 3 (issue, redeem, rotate), our JPA store on every contender, pools of %d."
                    + " *single MariaDB* = the test server (3306); *Galera, one node* = every step through node 1;"
                    + " *Galera, three nodes* = issue through node 1, redeem through node 2, rotate through node 3."
                    + " Galera connections read causally (`wsrep_sync_wait=3`, required by the store). All nodes run"
                    + " on this one machine, so the cluster's network is loopback. %d round(s) of %.1f s per"
                    + " contender after a %.1f s warm-up, rotating order; flows/s: median (± half the min–max"
                    + " range); latency p50 / p99, ms. `innodb_flush_log_at_trx_commit`: single MariaDB %s,"
                    + " Galera nodes %s (1 = flushed at every commit; a Galera commit is durable by replication to"
                    + " the other nodes).", Bench.POOL, rounds, round / 1e9, warm / 1e9,
                    flushSetting(Bench.DB_URL), flushSetting(galeraUrl(0))));
            for (int threads : Bench.CONCURRENCY) {
                Map<String, List<Double>> rate = new LinkedHashMap<>();
                Map<String, Histogram[]> steps = new LinkedHashMap<>();
                for (Flow f : flows) {
                    rate.put(f.name(), new ArrayList<>());
                    Histogram[] h = new Histogram[STEPS.length];
                    for (int k = 0; k < h.length; k++) {
                        h[k] = new Histogram(60_000_000_000L, 3);
                    }
                    steps.put(f.name(), h);
                    Load.timed(threads, warm, STEPS.length, f::run);
                }
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < flows.size(); i++) {
                        Flow f = flows.get((i + r) % flows.size());
                        Load.Result res = Load.timed(threads, round, STEPS.length, f::run);
                        rate.get(f.name()).add(res.opsPerSecond());
                        for (int k = 0; k < STEPS.length; k++) {
                            steps.get(f.name())[k].add(res.steps()[k]);
                        }
                        Bench.log("  %-24s %8.1f flows/s", f.name(), res.opsPerSecond());
                    }
                }
                md.h(3, threads + " thread(s)");
                Md.Table t = md.table("contender", "flows/s", "issue p50 / p99", "redeem p50 / p99", "rotate p50 / p99",
                        "this ÷ single (flows/s)");
                Stats single0 = Stats.of(rate.get("single MariaDB"));
                for (Flow f : flows) {
                    Stats st = Stats.of(rate.get(f.name()));
                    Histogram[] h = steps.get(f.name());
                    t.row(f.name(), st.medianWithSpread("%,.1f"), lat(h[0]), lat(h[1]), lat(h[2]),
                            f.name().startsWith("single") ? "–" : Stats.ratio(st, single0));
                }
                t.end();
                Stats cross = Stats.of(rate.get("Galera, three nodes"));
                Summary.row(CASE, "Galera three nodes / single MariaDB, durable flow, " + threads + " thread(s)",
                        "measured (no target)", Stats.ratio(cross, single0), "–");
            }
            md.write(Bench.OUT.resolve(CASE + ".md"));
        } finally {
            stores.forEach(JpaStore::close);
            if (!Boolean.getBoolean("bench.keep-db")) {
                Db.drop();
                dropGalera();
            }
        }
    }

    private static String flushSetting(String url) {
        try (Connection c = DriverManager.getConnection(url, Bench.DB_USER, Bench.DB_PASSWORD);
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT @@innodb_flush_log_at_trx_commit")) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (SQLException e) {
            return "?";
        }
    }

    private static String galeraUrl(int node) {
        return String.format(GALERA_URL, GALERA_PORTS[node]) + Bench.DB_NAME;
    }

    private static void recreateGalera() {
        galeraAdmin("DROP DATABASE IF EXISTS " + Bench.DB_NAME,
                "CREATE DATABASE " + Bench.DB_NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    private static void dropGalera() {
        galeraAdmin("DROP DATABASE IF EXISTS " + Bench.DB_NAME);
    }

    private static void galeraAdmin(String... sql) {
        try (Connection c = DriverManager.getConnection(String.format(GALERA_URL, GALERA_PORTS[0]), Bench.DB_USER,
                Bench.DB_PASSWORD); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the bench database on the Galera cluster"
                    + " (start it: bash .ci/services.sh start)", e);
        }
    }

    private static String lat(Histogram h) {
        return Md.f("%.2f / %.2f", h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6);
    }

    /** The flow with each step on another node: issue on node 1, redeem on node 2, rotate on node 3. */
    private static final class CrossNode implements Flow {
        private final OidcStore[] nodes;

        CrossNode(OidcStore[] nodes) {
            this.nodes = nodes;
        }

        @Override
        public String name() {
            return "Galera, three nodes";
        }

        @Override
        public void run(Load.Ctx c) {
            Instant now = Instant.now();
            String subject = "user-" + c.thread + "-" + c.seq;
            String grantId = "g-" + Tokens.random();
            String code = Tokens.random();
            String rt1 = Tokens.random();
            String rt2 = Tokens.random();
            long t = System.nanoTime();
            OidcStore a = nodes[0];
            a.inTransaction(() -> {
                a.grants().save(Grant.builder().grantId(grantId).subject(subject).clientId(CLIENT).scopes(SCOPES)
                        .resources(List.of()).createdAt(now).updatedAt(now).build());
                a.authorizationCodes().save(AuthorizationCode.builder().code(code).clientId(CLIENT).subject(subject)
                        .grantId(grantId).redirectUri(REDIRECT).scopes(SCOPES).resources(List.of())
                        .codeChallenge(CHALLENGE).codeChallengeMethod("S256").nonce(NONCE).sessionId("sid-" + c.thread)
                        .authTime(now).acr(ACR).amr(AMR).expiresAt(now.plusSeconds(60)).createdAt(now).build());
                return null;
            });
            t = c.step(0, t);
            OidcStore b = nodes[1];
            b.inTransaction(() -> {
                AuthorizationCode ac = b.authorizationCodes().consume(code)
                        .orElseThrow(() -> new IllegalStateException("code not redeemable on the next node"));
                b.refreshTokens().save(RefreshToken.builder().token(rt1).clientId(ac.clientId()).subject(ac.subject())
                        .grantId(ac.grantId()).scopes(ac.scopes()).resources(ac.resources()).authTime(ac.authTime())
                        .acr(ac.acr()).amr(ac.amr()).nonce(ac.nonce()).sessionId(ac.sessionId())
                        .expiresAt(now.plus(Duration.ofDays(30))).createdAt(now).build(), null);
                return null;
            });
            t = c.step(1, t);
            OidcStore d = nodes[2];
            d.inTransaction(() -> {
                RefreshToken parent = d.refreshTokens().consume(rt1)
                        .orElseThrow(() -> new IllegalStateException("refresh token not redeemable on the next node"));
                d.refreshTokens().save(parent.successor(rt2, null, now, now.plus(Duration.ofDays(30))), rt1);
                return null;
            });
            c.step(2, t);
        }
    }
}
