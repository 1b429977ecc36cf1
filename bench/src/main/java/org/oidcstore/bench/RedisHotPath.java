package org.oidcstore.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.PushedAuthorizationRequest;

/**
 * Case 1 (volatile hot path on Redis) and the Redis half of case 2 (routing overhead): JWT-ID mark,
 * PAR consume and interaction compare-and-swap, through the composite (routing + metrics) and
 * directly on the Redis store, next to redis-benchmark running the single command each one costs
 * the server ({@code SET NX PX}, {@code EVALSHA} of the very script the store runs), at the same
 * client count, without pipelining, on the same server. Contenders run back to back in every
 * round, in a rotating order, so that the machine's noise hits them alike.
 *
 * <p>This class writes the tables and the summary rows; {@link RedisHotPathRounds} runs the rounds
 * (our side) and {@link RedisHotPathBenchmark} the redis-benchmark side.
 */
final class RedisHotPath {
    static final String CASE = "redis-hot-path";
    private static final int STATE_BYTES = 256;

    enum Op { JTI_MARK("JWT-ID mark", "SET NX PX"), PAR_CONSUME("PAR consume", "EVALSHA par-consume"),
        INTERACTION_CAS("interaction CAS", "EVALSHA interaction-cas");
        final String label;
        final String command;
        Op(String label, String command) {
            this.label = label;
            this.command = command;
        }
    }

    /** Per-round results of one contender. */
    static final class Series {
        final List<Double> opsPerSec = new ArrayList<>();
        final List<Double> p50 = new ArrayList<>();
        final List<Double> p99 = new ArrayList<>();
        final List<Double> clientCpuUs = new ArrayList<>();
        final List<Double> serverCpuUs = new ArrayList<>();

        void add(double ops, double p50us, double p99us, double clientUs, double serverUs) {
            opsPerSec.add(ops);
            p50.add(p50us);
            p99.add(p99us);
            clientCpuUs.add(clientUs);
            serverCpuUs.add(serverUs);
        }
    }

    static void run() {
        Summary.reset(CASE);
        Md md = new Md();
        md.h(2, "1. Volatile hot path on Redis (and case 2 on Redis: routing overhead)");
        md.p("Closed-loop Java threads (no pipelining) against redis-benchmark `-c <threads> -P 1` running the"
                + " equivalent single command on the same server. *ours* = the call through the composite"
                + " (routing + MicroProfile Metrics), *direct* = the same call on the Redis store itself."
                + " Throughput: median of the rounds (± half the min–max range); ratios: ratio of medians"
                + " [lowest–highest ratio of rounds run back to back]. Latency: median over rounds of each"
                + " round's p50/p99, µs. CPU: *client* = this JVM's CPU time (every thread) or redis-benchmark's"
                + " (GNU time), *server* = redis-server's (`INFO cpu`), per operation, median over rounds. Client and"
                + " server share the machine's 2 cores, so at 16 threads throughput is bounded by about"
                + " 2 s ÷ (client + server CPU per operation). redis-benchmark serves its connections from one"
                + " event-loop thread; at 16 threads it also runs with `--threads 16` (a thread per connection,"
                + " each blocking on its reply as each of ours does): the same threading model as ours.");
        if (MODES.contains("plain")) {
            runPlain(md);
        }
        if (MODES.contains("tls")) {
            runTls(md);
        }
        md.write(Bench.OUT.resolve(CASE + ".md"));
    }

    /**
     * Profiling aids: {@code -Dbench.redis.modes=plain} (or {@code tls}) and
     * {@code -Dbench.redis.ops=JTI_MARK,PAR_CONSUME} narrow a run; every mode and operation by default.
     */
    private static final String MODES = System.getProperty("bench.redis.modes", "plain,tls");
    private static final List<Op> OPS = java.util.Arrays.stream(
            System.getProperty("bench.redis.ops", "JTI_MARK,PAR_CONSUME,INTERACTION_CAS").split(","))
            .map(String::trim).map(Op::valueOf).toList();

    private static void runPlain(Md md) {
        RedisHotPathRounds plain = new RedisHotPathRounds(false);
        try {
            plain.verifyScripts();
            section(plain, md, "plaintext + AUTH, 127.0.0.1:" + Bench.REDIS_PLAIN_PORT, true,
                    Bench.rounds(5, 1));
            plain.firstHitsNote(md);
        } finally {
            plain.close();
        }
    }

    private static void runTls(Md md) {
        RedisHotPathRounds tls = new RedisHotPathRounds(true);
        try {
            section(tls, md, "TLS + ACL user, 127.0.0.1:" + Bench.REDIS_TLS_PORT + " (redis-benchmark `--tls`)",
                    true, Bench.rounds(3, 1));
            tls.firstHitsNote(md);
        } finally {
            tls.close();
        }
    }

    private static void section(RedisHotPathRounds on, Md md, String title, boolean withComposite, int rounds) {
        md.h(3, title);
        Md.Table t = md.table("operation", "threads", "ours ops/s", "direct ops/s", "redis-benchmark ops/s",
                "ours / redis-benchmark", "direct / redis-benchmark", "composite / direct",
                "p50 / p99 µs ours", "p50 / p99 µs direct", "p50 / p99 µs redis-benchmark",
                "client CPU µs/op ours / direct / redis-benchmark", "server CPU µs/op ours / direct / redis-benchmark",
                "redis-benchmark --threads ops/s", "ours / redis-benchmark --threads",
                "client CPU µs/op redis-benchmark --threads");
        for (Op op : OPS) {
            for (int threads : Bench.CONCURRENCY) {
                long n = threads == 1 ? Bench.size(20_000, 1_000) : Bench.size(80_000, 3_000);
                Map<String, Series> s = on.measure(op, threads, n, rounds, withComposite);
                if (!Bench.ONLY.isEmpty()) {
                    if (s.containsKey("ours") && s.containsKey("direct")) { // -Dbench.only=ours,direct
                        Series ours = s.get("ours");
                        Series direct = s.get("direct");
                        Bench.log("redis %s: %s, %d thread(s): composite / direct %s (ours %s, direct %s ops/s);"
                                + " client CPU µs/op ours / direct %.1f / %.1f, per-round ratios %s",
                                on.tls ? "tls" : "plain", op, threads,
                                Stats.ratio(Stats.of(ours.opsPerSec), Stats.of(direct.opsPerSec)),
                                Stats.of(ours.opsPerSec).medianWithSpread("%,.0f"),
                                Stats.of(direct.opsPerSec).medianWithSpread("%,.0f"),
                                Stats.of(ours.clientCpuUs).median(), Stats.of(direct.clientCpuUs).median(),
                                roundRatios(ours.opsPerSec, direct.opsPerSec));
                    }
                    continue;
                }
                Series ours = s.get("ours");
                Series direct = s.get("direct");
                Series rb = s.get("redis-benchmark");
                Series rbt = s.get(RB_THREADS);
                Stats rbOps = Stats.of(rb.opsPerSec);
                Stats dOps = Stats.of(direct.opsPerSec);
                String oursOps = ours == null ? "–" : Stats.of(ours.opsPerSec).medianWithSpread("%,.0f");
                String oursRatio = ours == null ? "–" : Stats.ratio(Stats.of(ours.opsPerSec), rbOps);
                String compRatio = ours == null ? "–" : Stats.ratio(Stats.of(ours.opsPerSec), dOps);
                t.row(op.label + " (" + op.command + ")", threads, oursOps, dOps.medianWithSpread("%,.0f"),
                        rbOps.medianWithSpread("%,.0f"), oursRatio, Stats.ratio(dOps, rbOps), compRatio,
                        ours == null ? "–" : lat(ours), lat(direct), lat(rb),
                        cpu(ours, direct, rb, true), cpu(ours, direct, rb, false),
                        rbt == null ? "–" : Stats.of(rbt.opsPerSec).medianWithSpread("%,.0f"),
                        rbt == null ? "–" : Stats.ratio(Stats.of((ours == null ? direct : ours).opsPerSec),
                                Stats.of(rbt.opsPerSec)),
                        rbt == null ? "–" : Md.f("%.0f", Stats.of(rbt.clientCpuUs).median()));
                String where = on.tls ? "TLS" : "plain";
                if (ours != null) {
                    double r = Stats.ratioValue(Stats.of(ours.opsPerSec), rbOps);
                    Summary.row(CASE, "1 · " + op.label + ", " + threads + " thread(s), " + where
                            + ": ours (composite) / redis-benchmark", "≥ 0.9x", Stats.ratio(Stats.of(ours.opsPerSec), rbOps),
                            Summary.atLeast(r, 0.9));
                    double overhead = (1 / Stats.ratioValue(Stats.of(ours.opsPerSec), dOps) - 1) * 100;
                    Summary.row(CASE, "2 · routing overhead on Redis, " + op.label + ", " + threads + " thread(s)",
                            "< 2 %", Md.f("%+.1f %% (composite / direct %s)", overhead,
                                    Stats.ratio(Stats.of(ours.opsPerSec), dOps)), Summary.atMost(overhead, 2.0));
                } else {
                    double r = Stats.ratioValue(dOps, rbOps);
                    Summary.row(CASE, "1 · " + op.label + ", " + threads + " thread(s), " + where
                            + ": ours (direct) / redis-benchmark", "≥ 0.9x", Stats.ratio(dOps, rbOps),
                            Summary.atLeast(r, 0.9));
                }
                if (rbt != null) {
                    Series mine = ours == null ? direct : ours;
                    Stats tOps = Stats.of(rbt.opsPerSec);
                    Summary.row(CASE, "1b · " + op.label + ", " + threads + " thread(s), " + (on.tls ? "TLS" : "plain")
                            + ": ours (" + (ours == null ? "direct" : "composite") + ") / redis-benchmark --threads "
                            + threads + " (a thread per connection, as ours)", "≥ 0.9x",
                            Stats.ratio(Stats.of(mine.opsPerSec), tOps),
                            Summary.atLeast(Stats.ratioValue(Stats.of(mine.opsPerSec), tOps), 0.9));
                }
            }
        }
        t.end();
    }

    private static String cpu(Series ours, Series direct, Series rb, boolean client) {
        java.util.function.Function<Series, String> f = x -> x == null ? "–"
                : Md.f("%.0f", Stats.of(client ? x.clientCpuUs : x.serverCpuUs).median());
        return f.apply(ours) + " / " + f.apply(direct) + " / " + f.apply(rb);
    }

    /** Each round's composite / direct throughput ratio (the two ran back to back in that round). */
    private static String roundRatios(List<Double> ours, List<Double> direct) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(ours.size(), direct.size()); i++) {
            b.append(i == 0 ? "" : " ").append(Md.f("%.2f", ours.get(i) / direct.get(i)));
        }
        return b.toString();
    }

    private static String lat(Series s) {
        return Md.f("%.0f / %.0f", Stats.of(s.p50).median(), Stats.of(s.p99).median());
    }

    static PushedAuthorizationRequest par(String uri, Instant now, Instant exp) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("response_type", List.of("code"));
        p.put("client_id", List.of("bench-client"));
        p.put("redirect_uri", List.of("https://rp.example.com/callback"));
        p.put("scope", List.of("openid profile email"));
        p.put("state", List.of("af0ifjsldkj-Zr7qK3c9"));
        p.put("nonce", List.of("n-0S6_WzA2Mj"));
        p.put("code_challenge", List.of("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        p.put("code_challenge_method", List.of("S256"));
        return new PushedAuthorizationRequest(uri, "bench-client", p, now, exp);
    }

    static byte[] state(char fill) {
        byte[] b = new byte[STATE_BYTES];
        java.util.Arrays.fill(b, (byte) fill);
        b[0] = '{';
        b[STATE_BYTES - 1] = '}';
        return b;
    }

    /**
     * redis-benchmark with one thread per connection ({@code --threads <n>}): each thread blocks on
     * its reply as each of our caller threads does, where plain redis-benchmark serves every
     * connection from one event-loop thread. On a small machine that threading model, not the
     * client library, is most of the difference in client CPU per call (a context switch per
     * call against a fraction of one), so both are reported.
     */
    static final String RB_THREADS = "redis-benchmark-threads";

    static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}