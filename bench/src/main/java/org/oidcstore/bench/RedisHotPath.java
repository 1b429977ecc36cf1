package org.oidcstore.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisStores;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

/**
 * Case 1 (volatile hot path on Redis) and the Redis half of case 2 (routing overhead): JWT-ID mark,
 * PAR consume and interaction compare-and-swap, through the composite (routing + metrics) and
 * directly on the Redis store, next to redis-benchmark running the single command each one costs
 * the server ({@code SET NX PX}, {@code EVALSHA} of the very script the store runs), at the same
 * client count, without pipelining, on the same server. Contenders run back to back in every
 * round, in a rotating order, so that the machine's noise hits them alike.
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

    private final boolean tls;
    private final String prefix;
    private final RedisStore redis;
    private final OidcStore composite;
    private final RedisClient admin;
    private final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    private long roundSeq;

    private RedisHotPath(boolean tls) {
        this.tls = tls;
        this.prefix = (tls ? "oidc:bench" : "oidcbench:") + runId + ":";
        this.redis = RedisStores.open(tls ? RedisTools.tlsSettings(prefix) : RedisTools.plainSettings(prefix));
        this.composite = Composites.withMetrics(new StandInDurableStore(), redis);
        this.admin = tls ? RedisTools.tlsAdmin() : RedisTools.plainAdmin(Bench.REDIS_PLAIN_PORT, Bench.REDIS_PLAIN_PASSWORD);
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
        RedisHotPath plain = new RedisHotPath(false);
        try {
            plain.verifyScripts();
            plain.section(md, "plaintext + AUTH, 127.0.0.1:" + Bench.REDIS_PLAIN_PORT, true,
                    Bench.rounds(5, 1));
            plain.firstHitsNote(md);
        } finally {
            plain.close();
        }
    }

    private static void runTls(Md md) {
        RedisHotPath tls = new RedisHotPath(true);
        try {
            tls.section(md, "TLS + ACL user, 127.0.0.1:" + Bench.REDIS_TLS_PORT + " (redis-benchmark `--tls`)",
                    true, Bench.rounds(3, 1));
            tls.firstHitsNote(md);
        } finally {
            tls.close();
        }
    }

    private void close() {
        long n = RedisTools.deleteAll(admin, prefix);
        Bench.log("redis: deleted %d bench keys under %s", n, prefix);
        redis.close();
        admin.close();
    }

    private static RedisTools.Script parConsume() {
        return RedisTools.script("RedisPushedAuthorizationRequestStore", "PAR_CONSUME");
    }

    private static RedisTools.Script interactionCas() {
        return RedisTools.script("RedisInteractionStore", "INTERACTION_CAS");
    }

    /** The scripts redis-benchmark runs are the store's own: same source, same SHA, loaded on the server. */
    private void verifyScripts() {
        for (RedisTools.Script s : List.of(parConsume(), interactionCas())) {
            String sha = admin.scriptLoad(s.source());
            if (!sha.equals(s.sha1())) {
                throw new IllegalStateException("script " + s.name() + ": server SHA " + sha + " != " + s.sha1());
            }
        }
    }

    private void section(Md md, String title, boolean withComposite, int rounds) {
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
                Map<String, Series> s = measure(op, threads, n, rounds, withComposite);
                if (!Bench.ONLY.isEmpty()) {
                    if (s.containsKey("ours") && s.containsKey("direct")) { // -Dbench.only=ours,direct
                        Series ours = s.get("ours");
                        Series direct = s.get("direct");
                        Bench.log("redis %s: %s, %d thread(s): composite / direct %s (ours %s, direct %s ops/s);"
                                + " client CPU µs/op ours / direct %.1f / %.1f, per-round ratios %s",
                                tls ? "tls" : "plain", op, threads,
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
                String where = tls ? "TLS" : "plain";
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
                    Summary.row(CASE, "1b · " + op.label + ", " + threads + " thread(s), " + (tls ? "TLS" : "plain")
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

    private Map<String, Series> measure(Op op, int threads, long n, int rounds, boolean withComposite) {
        Map<String, Series> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        if (withComposite) {
            names.add("ours");
        }
        names.add("direct");
        names.add("redis-benchmark");
        if (threads > 1) {
            names.add(RB_THREADS);
        }
        if (!Bench.ONLY.isEmpty()) {
            // profiling: one contender alone; or a comma list (ours,direct: the composite's overhead alone)
            List<String> only = List.of(Bench.ONLY.split(","));
            names.removeIf(k -> !only.contains(k));
        }
        names.forEach(k -> out.put(k, new Series()));
        Bench.log("redis %s: %s, %d thread(s), %d ops x %d rounds", tls ? "tls" : "plain", op, threads, n, rounds);
        // warm-up: one shorter round of each contender, not recorded
        for (String name : names) {
            once(name, op, threads, Math.max(500, n / 2), null);
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + r) % names.size());
                once(name, op, threads, n, out.get(name));
            }
        }
        return out;
    }

    private void once(String name, Op op, int threads, long n, Series into) {
        try {
            once0(name, op, threads, n, into);
        } finally {
            // the test server has maxmemory 256mb (noeviction) and markers live 60 s at least:
            // drop what this run wrote (not timed) so that memory stays flat over the rounds
            if (op != Op.INTERACTION_CAS) {
                RedisTools.deleteAll(admin, prefix + (op == Op.JTI_MARK ? "jti:" : "par:"));
            }
        }
    }

    private void once0(String name, Op op, int threads, long n, Series into) {
        if (name.startsWith("redis-benchmark")) {
            threadPerClient = name.equals(RB_THREADS);
            // CPU of the redis-benchmark process and of the server during that process only (not the set-up)
            RedisTools.BenchmarkResult b = benchmark(op, threads, n);
            if (into != null) {
                into.add(b.rps(), b.p50Ms() * 1000, b.p99Ms() * 1000, b.cpuSeconds() * 1e6 / n,
                        b.serverCpuSeconds() * 1e6 / n);
            }
            return;
        }
        OidcStore s = name.equals("ours") ? composite : redis;
        Load.Result res = switch (op) {
            case JTI_MARK -> jtiMark(s, threads, n);
            case PAR_CONSUME -> parConsume(s, threads, n);
            case INTERACTION_CAS -> interactionCas(s, threads, n);
        };
        if (into != null) {
            into.add(res.opsPerSecond(), res.us(50), res.us(99), lastClientCpu / 1e3 / n, lastServerCpu * 1e6 / n);
        }
    }

    /** Whether the redis-benchmark run being made is the one-thread-per-connection one ({@code --threads}). */
    private boolean threadPerClient;
    private long lastClientCpu;
    private double lastServerCpu;

    /** Runs the timed part, noting this JVM's and the server's CPU time it cost. */
    private Load.Result cpu(java.util.function.Supplier<Load.Result> timed) {
        long c0 = Cpu.processNanos();
        double s0 = RedisTools.serverCpuSeconds(admin);
        Load.Result r = timed.get();
        lastClientCpu = Cpu.processNanos() - c0;
        lastServerCpu = RedisTools.serverCpuSeconds(admin) - s0;
        return r;
    }

    // ---- our side -------------------------------------------------------------------------

    private Load.Result jtiMark(OidcStore s, int threads, long n) {
        ConsumedJwtIdStore jti = s.consumedJwtIds();
        String round = runId + "-" + (roundSeq++) + "-";
        // 10 minutes: a round on a loaded machine can outlast one minute (the keys are deleted after it)
        Instant exp = Instant.now().plusSeconds(600);
        return cpu(() -> Load.count(threads, n, 0, c -> jti.mark(round + c.seq, exp)));
    }

    private Load.Result parConsume(OidcStore s, int threads, long n) {
        PushedAuthorizationRequestStore par = s.pushedAuthorizationRequests();
        String[] uris = new String[(int) n];
        String round = "urn:ietf:params:oauth:request_uri:" + runId + "-" + (roundSeq++) + "-";
        Instant now = Instant.now();
        Instant exp = now.plusSeconds(90);
        for (int i = 0; i < n; i++) {
            uris[i] = round + i;
        }
        // set-up (not timed): save every request that the timed part consumes
        Load.count(Bench.POOL, n, 0, c -> redis.pushedAuthorizationRequests().save(par(uris[(int) c.seq], now, exp)));
        return cpu(() -> Load.count(threads, n, 0, c -> {
            if (par.consume(uris[(int) c.seq]).isEmpty()) {
                throw new IllegalStateException("a saved PAR was not consumed");
            }
        }));
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

    private Load.Result interactionCas(OidcStore s, int threads, long n) {
        InteractionCompareAndSwap cas = s.interactionCompareAndSwap().orElseThrow();
        byte[][] states = {state('A'), state('B')};
        Instant now = Instant.now();
        Instant exp = now.plus(Duration.ofMinutes(10));
        String[] ids = new String[threads];
        int[] current = new int[threads];
        String round = "bench-" + runId + "-";
        for (int t = 0; t < threads; t++) {
            ids[t] = round + String.format("%012d", t);
            redis.interactions().save(new Interaction(ids[t], states[0], now, exp));
        }
        return cpu(() -> Load.count(threads, n, 0, c -> {
            int t = c.thread;
            int next = 1 - current[t];
            cas.compareAndSwap(states[current[t]], new Interaction(ids[t], states[next], now, exp));
            current[t] = next;
        }));
    }

    static byte[] state(char fill) {
        byte[] b = new byte[STATE_BYTES];
        java.util.Arrays.fill(b, (byte) fill);
        b[0] = '{';
        b[STATE_BYTES - 1] = '}';
        return b;
    }

    // ---- redis-benchmark side --------------------------------------------------------------

    private static final String PAD30 = "x".repeat(30);

    /**
     * redis-benchmark with one thread per connection ({@code --threads <n>}): each thread blocks on
     * its reply as each of our caller threads does, where plain redis-benchmark serves every
     * connection from one event-loop thread. On a small machine that threading model, not the
     * client library, is most of the difference in client CPU per call (a context switch per
     * call against a fraction of one), so both are reported.
     */
    static final String RB_THREADS = "redis-benchmark-threads";

    private RedisTools.BenchmarkResult benchmark(Op op, int threads, long n) {
        return switch (op) {
            case JTI_MARK -> {
                // same key length as ours (prefix + "jti:" + 43-character digest), same value, same TTL
                String key = prefix + "jti:r" + PAD30 + "__rand_int__";
                yield RedisTools.redisBenchmark(admin, tls, threads, threadPerClient, n, 2_000_000_000L,
                        List.of("SET", key, Long.toString(micros(Instant.now().plusSeconds(60))), "NX", "PX", "60000"));
            }
            case PAR_CONSUME -> parBenchmark(threads, n);
            case INTERACTION_CAS -> casBenchmark(threads, n);
        };
    }

    /**
     * {@code EVALSHA <par-consume> 1 <key> <now> <grace>} on pre-saved hashes shaped as ours (fields
     * x and d, same sizes). redis-benchmark picks keys at random, so some calls hit a key already
     * consumed and take the script's shorter path; the keyspace is 4 × the calls (about 88 % first
     * hits), and the measured share of first hits is reported.
     */
    private RedisTools.BenchmarkResult parBenchmark(int threads, long n) {
        Map<String, String> shape = parShape();
        long keyspace = 4 * n;
        String tag = "rbp" + (roundSeq++) + "-";
        String base = prefix + "par:" + tag;
        String keyPrefix = base + "x".repeat(43 - tag.length() - 12);
        populate(keyPrefix, keyspace, shape);
        RedisTools.Script s = parConsume();
        long now = micros(Instant.now());
        long grace = PushedAuthorizationRequestStore.CONSUME_GRACE.toNanos() / 1000;
        RedisTools.BenchmarkResult r = RedisTools.redisBenchmark(admin, tls, threads, threadPerClient, n, keyspace,
                List.of("EVALSHA", s.sha1(), "1", keyPrefix + "__rand_int__", Long.toString(now), Long.toString(grace)));
        long consumed = countField(keyPrefix, keyspace, "c");
        firstHits.add((double) consumed / n);
        RedisTools.deleteAll(admin, base);
        return r;
    }

    private final List<Double> firstHits = new ArrayList<>();

    private void firstHitsNote(Md md) {
        Stats h = Stats.of(firstHits);
        md.p(Md.f("redis-benchmark picks keys at random: in its PAR-consume runs %.0f %% (min %.0f %%) of the"
                + " calls consumed a live request (the full script path, as every one of ours); the rest hit a"
                + " key it had consumed already and took the script's shorter replay path, which favours"
                + " redis-benchmark slightly.", h.median() * 100, h.min() * 100));
    }

    /**
     * {@code EVALSHA <interaction-cas> 1 <key> <now> <state> <ttl> x <exp> s <state> d <body>}:
     * every call swaps a 256-byte state for one of the same size (here the same bytes, so every
     * call succeeds as ours do), on one key per client as ours.
     */
    private RedisTools.BenchmarkResult casBenchmark(int threads, long n) {
        Map<String, String> shape = interactionShape();
        String idPrefix = "bench-" + runId + "-";
        String keyPrefix = prefix + "ia:" + idPrefix;
        String st = new String(state('A'), StandardCharsets.US_ASCII);
        Map<String, String> fields = new HashMap<>(shape);
        fields.put("s", st);
        populate(keyPrefix, threads, fields);
        RedisTools.Script s = interactionCas();
        return RedisTools.redisBenchmark(admin, tls, threads, threadPerClient, n, threads,
                List.of("EVALSHA", s.sha1(), "1", keyPrefix + "__rand_int__", Long.toString(micros(Instant.now())), st,
                        "600000", "x", shape.get("x"), "s", st, "d", shape.get("d")));
    }

    /** A PAR hash as our store writes it (values as ISO-8859-1 strings, one char per byte). */
    private Map<String, String> parShape;

    private Map<String, String> parShape() {
        if (parShape != null) {
            return parShape;
        }
        Instant now = Instant.now();
        String uri = "urn:shape:" + runId;
        redis.pushedAuthorizationRequests().save(par(uri, now, now.plusSeconds(3600)));
        String digest = org.oidcstore.store.spi.SecretDigest.unpeppered()
                .digest(org.oidcstore.store.StoreKind.PUSHED_AUTHORIZATION_REQUESTS, uri);
        parShape = shapeOf(prefix + "par:" + digest);
        return parShape;
    }

    private Map<String, String> interactionShape() {
        Instant now = Instant.now();
        String id = "shape-" + runId;
        redis.interactions().save(new Interaction(id, state('A'), now, now.plusSeconds(3600)));
        return shapeOf(prefix + "ia:" + id);
    }

    private Map<String, String> shapeOf(String key) {
        Map<byte[], byte[]> h = admin.hgetAll(key.getBytes(StandardCharsets.UTF_8));
        if (!h.containsKey("d".getBytes(StandardCharsets.US_ASCII)) && h.keySet().stream()
                .noneMatch(f -> new String(f, StandardCharsets.US_ASCII).equals("d"))) {
            throw new IllegalStateException("the store's hash " + key + " has no body field; its layout changed");
        }
        Map<String, String> m = new HashMap<>();
        h.forEach((f, v) -> m.put(new String(f, StandardCharsets.US_ASCII), ascii(f, v)));
        return m;
    }

    /**
     * The field's value as stored, so that the scripts' checks of what they read (a damaged record
     * is refused) pass as they do for ours; it travels through redis-benchmark's command line, which
     * cannot carry a NUL byte, so the shape records are chosen without one (checked here).
     */
    private static String ascii(byte[] field, byte[] v) {
        for (byte b : v) {
            if (b == 0) {
                throw new IllegalStateException("the stored field " + new String(field, StandardCharsets.US_ASCII)
                        + " holds a NUL byte, which redis-benchmark's command line cannot carry");
            }
        }
        return new String(v, StandardCharsets.ISO_8859_1);
    }

    private void populate(String keyPrefix, long count, Map<String, String> fields) {
        Map<byte[], byte[]> raw = new HashMap<>();
        fields.forEach((f, v) -> raw.put(f.getBytes(StandardCharsets.US_ASCII), v.getBytes(StandardCharsets.ISO_8859_1)));
        AbstractPipeline p = admin.pipelined();
        for (long i = 0; i < count; i++) {
            byte[] k = (keyPrefix + String.format("%012d", i)).getBytes(StandardCharsets.UTF_8);
            p.hset(k, raw);
            p.pexpire(k, 600_000);
            if (i % 2000 == 1999) {
                p.sync();
            }
        }
        p.sync();
        p.close();
    }

    private long countField(String keyPrefix, long count, String field) {
        AbstractPipeline p = admin.pipelined();
        List<Response<Boolean>> rs = new ArrayList<>();
        long n = 0;
        for (long i = 0; i < count; i++) {
            rs.add(p.hexists(keyPrefix + String.format("%012d", i), field));
            if (rs.size() == 2000) {
                p.sync();
                n += rs.stream().filter(Response::get).count();
                rs.clear();
            }
        }
        p.sync();
        n += rs.stream().filter(Response::get).count();
        p.close();
        return n;
    }

    static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
