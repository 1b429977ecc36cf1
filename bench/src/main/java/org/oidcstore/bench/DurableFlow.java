package org.oidcstore.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.memory.MemoryStores;

/**
 * Case 3 (durable cluster flow on MariaDB), case 3b (the same on PostgreSQL, {@code durable-flow-pg})
 * and the JPA half of case 2: ours through the composite (routing + metrics) and directly on the
 * JPA store, raw JDBC, Spring Authorization Server. All on one database, pools of the same size,
 * the same thread counts; contenders run back to back in every round, in a rotating order.
 */
final class DurableFlow {
    static final String CASE = "durable-flow";
    /** The same case on PostgreSQL. */
    static final String CASE_PG = "durable-flow-pg";
    private static final String[] STEPS = {"issue", "redeem", "rotate"};

    private DurableFlow() {
    }

    static final class Series {
        final List<Double> flows = new ArrayList<>();
        final List<Double> clientCpuMs = new ArrayList<>();
        final List<Double> dbCpuMs = new ArrayList<>();
        final Histogram[] steps = new Histogram[STEPS.length];

        Series() {
            for (int i = 0; i < steps.length; i++) {
                steps[i] = new Histogram(60_000_000_000L, 3);
            }
        }
    }

    static void run() throws java.sql.SQLException {
        run(CASE, Engine.MARIADB);
    }

    static void runPostgres() throws java.sql.SQLException {
        run(CASE_PG, Engine.POSTGRES);
    }

    private static void run(String caseName, Engine engine) throws java.sql.SQLException {
        Summary.reset(caseName);
        Db.use(engine);
        ServerCpu server = new ServerCpu(engine);
        String tag = engine.postgres() ? "3b" : "3";
        Db.recreate();
        JpaStore jpa = Db.openJpa();
        Db.createSpringSchema();
        OidcStore composite = Composites.withMetrics(jpa, MemoryStores.open());
        List<Flow> all = List.of(new OursFlow("ours (composite)", composite), new OursFlow("direct (JPA store)", jpa),
                new RawJdbcFlow(Db.plainPool()), new SpringFlow(Db.plainPool()));
        if (!Bench.ONLY.isEmpty()) {
            // profiling: one contender alone, no tables
            Flow f = all.stream().filter(x -> x.name().contains(Bench.ONLY)).findFirst().orElseThrow();
            for (int threads : Bench.CONCURRENCY) {
                Load.Result r = Load.timed(threads, Bench.size(30_000, 5_000) * 1_000_000L, STEPS.length, f::run);
                Bench.log("%s, %d thread(s): %.1f flows/s", f.name(), threads, r.opsPerSecond());
            }
            all.forEach(Flow::close);
            jpa.close();
            return;
        }
        List<Flow> flows = all;
        long warm = Bench.size(4_000, 500) * 1_000_000L;
        long round = Bench.size(4_000, 1_000) * 1_000_000L;
        int rounds = Bench.rounds(5, 1);
        Md md = new Md();
        md.h(2, tag + ". Durable cluster flow on " + engine.label());
        md.p(Md.f("One *flow* = three transactions: **issue** (grant + code in one transaction), **redeem** (code"
                + " consumed + refresh token saved), **rotate** (refresh token consumed + successor saved under the"
                + " parent's row lock). Closed loop, %d round(s) of %.1f s per contender after a %.1f s warm-up,"
                + " rotating order; pools of %d connections everywhere; READ COMMITTED. *ours* = through the"
                + " composite (routing + metrics), *direct* = on the JPA store (EclipseLink 4 under Narayana JTA,"
                + " Agroal pool, connections enlisted as one-phase local resources); *raw JDBC* = the minimal statements in local transactions on a plain pool;"
                + " *SAS* = Spring Authorization Server 7.1.2 `JdbcOAuth2AuthorizationService` on its own schema."
                + " Flows/s: median (± half the min–max range); latency: p50 / p99 over all rounds, ms. CPU per"
                + " flow (median over rounds): *client* = this JVM (every thread), *" + engine.label() + "* = "
                + (engine.postgres() ? "the backend processes" : "the mariadbd threads (one per connection)")
                + " serving the bench database's connections (`/proc`, 10 ms ticks; not the engine's shared"
                + " background work, nor other clients of the server).",
                rounds, round / 1e9, warm / 1e9, Bench.POOL));
        try {
            for (int threads : Bench.CONCURRENCY) {
                Map<String, Series> res = measure(flows, threads, warm, round, rounds, server);
                table(md, threads, res, caseName, tag, engine);
            }
            StatementProbe.run(md, jpa);
            md.p(Md.f("Rows at the end: oidc_grant %,d, oidc_authorization_code %,d, oidc_refresh_token %,d,"
                    + " oauth2_authorization %,d.", Db.count("oidc_grant"), Db.count("oidc_authorization_code"),
                    Db.count("oidc_refresh_token"), Db.count("oauth2_authorization")));
        } finally {
            flows.forEach(Flow::close);
            jpa.close();
        }
        md.write(Bench.OUT.resolve(caseName + ".md"));
        if (!Boolean.getBoolean("bench.keep-db")) {
            Db.drop();
        }
    }

    private static Map<String, Series> measure(List<Flow> flows, int threads, long warm, long round, int rounds,
            ServerCpu server) {
        Bench.log("durable flow: %d thread(s), %d round(s)", threads, rounds);
        return measureRounds(flows, threads, warm, round, rounds, server);
    }

    /**
     * Warms every flow up, then runs {@code rounds} rounds, each contender once per round in a
     * rotating order; flows/s, client and database CPU per flow ({@code server}), step latencies.
     */
    static Map<String, Series> measureRounds(List<Flow> flows, int threads, long warm, long round, int rounds,
            ServerCpu server) {
        Map<String, Series> out = new LinkedHashMap<>();
        flows.forEach(f -> out.put(f.name(), new Series()));
        for (Flow f : flows) {
            Load.timed(threads, warm, STEPS.length, f::run);
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < flows.size(); i++) {
                Flow f = flows.get((i + r) % flows.size());
                long c0 = Cpu.processNanos();
                long jit0 = Cpu.jitMillis();
                Map<Long, Long> d0 = server.snapshot();
                Load.Result res = Load.timed(threads, round, STEPS.length, f::run);
                long c1 = Cpu.processNanos();
                long db = server.between(d0, server.snapshot());
                Series s = out.get(f.name());
                s.flows.add(res.opsPerSecond());
                s.clientCpuMs.add((c1 - c0) / 1e6 / res.ops());
                s.dbCpuMs.add(db < 0 ? Double.NaN : db / 1e6 / res.ops());
                for (int k = 0; k < STEPS.length; k++) {
                    s.steps[k].add(res.steps()[k]);
                }
                Bench.log("  %-28s %8.1f flows/s (JIT compiling %,d ms of the round)", f.name(), res.opsPerSecond(),
                        Cpu.jitMillis() - jit0);
            }
        }
        return out;
    }

    private static void table(Md md, int threads, Map<String, Series> res, String caseName, String tag,
            Engine engine) {
        md.h(3, threads + " thread(s)");
        Md.Table t = md.table("contender", "flows/s", "issue p50 / p99", "redeem p50 / p99", "rotate p50 / p99",
                "ours ÷ this (flows/s)", "client CPU ms/flow", engine.label() + " CPU ms/flow");
        Stats ours = Stats.of(res.get("ours (composite)").flows);
        for (Map.Entry<String, Series> e : res.entrySet()) {
            Series s = e.getValue();
            Stats st = Stats.of(s.flows);
            t.row(e.getKey(), st.medianWithSpread("%,.1f"), lat(s.steps[0]), lat(s.steps[1]), lat(s.steps[2]),
                    e.getKey().startsWith("ours") ? "–" : Stats.ratio(ours, st),
                    Md.f("%.2f", Stats.of(s.clientCpuMs).median()), Md.f("%.2f", Stats.of(s.dbCpuMs).median()));
        }
        t.end();
        Stats direct = Stats.of(res.get("direct (JPA store)").flows);
        Stats raw = Stats.of(res.get("raw JDBC").flows);
        Stats sas = Stats.of(res.get("Spring Authorization Server").flows);
        double rRaw = Stats.ratioValue(ours, raw);
        double rSas = Stats.ratioValue(ours, sas);
        String on = engine.postgres() ? " on PostgreSQL" : "";
        Summary.row(caseName, tag + " · durable flow" + on + ", " + threads + " thread(s): ours / raw JDBC (flows/s)",
                "≥ 1.0x", Stats.ratio(ours, raw), Summary.atLeast(rRaw, 1.0));
        Summary.row(caseName, tag + " · durable flow" + on + ", " + threads
                + " thread(s): ours / Spring Authorization Server (flows/s)", threads > 1 ? "≥ 1.5x" : "–",
                Stats.ratio(ours, sas), threads > 1 ? Summary.atLeast(rSas, 1.5) : "–");
        double dbOurs = Stats.of(res.get("ours (composite)").dbCpuMs).median();
        double dbSas = Stats.of(res.get("Spring Authorization Server").dbCpuMs).median();
        Summary.row(caseName, tag + " · durable flow" + on + ", " + threads + " thread(s): " + engine.label()
                + " CPU per flow, ours / SAS", "≤ 1.0x", Md.f("%.2f / %.2f ms = %.2fx", dbOurs, dbSas, dbOurs / dbSas),
                Summary.atMost(dbOurs / dbSas, 1.0));
        double overhead = (1 / Stats.ratioValue(ours, direct) - 1) * 100;
        Summary.row(caseName, "2 · routing overhead on " + engine.label() + ", durable flow, " + threads + " thread(s)", "< 2 %",
                Md.f("%+.1f %% (composite / direct %s)", overhead, Stats.ratio(ours, direct)),
                Summary.atMost(overhead, 2.0));
    }

    static String lat(Histogram h) {
        return Md.f("%.2f / %.2f", h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6);
    }
}
