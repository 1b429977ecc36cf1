package org.oidcstore.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.oidcstore.bench.RedisHotPath.Op;
import org.oidcstore.bench.RedisHotPath.Series;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisStores;
import redis.clients.jedis.RedisClient;

/**
 * The measurement rounds of {@link RedisHotPath} on one Redis server (plaintext or TLS): our side
 * (the composite and the Redis store itself) and, through {@link RedisHotPathBenchmark},
 * redis-benchmark, back to back in every round, in a rotating order.
 */
final class RedisHotPathRounds {
    final boolean tls;
    final String prefix;
    final RedisStore redis;
    private final OidcStore composite;
    final RedisClient admin;
    final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    private long roundSeq;
    private final RedisHotPathBenchmark benchmark;

    RedisHotPathRounds(boolean tls) {
        this.tls = tls;
        this.prefix = (tls ? "oidc:bench" : "oidcbench:") + runId + ":";
        this.redis = RedisStores.open(tls ? RedisTools.tlsSettings(prefix) : RedisTools.plainSettings(prefix));
        this.composite = Composites.withMetrics(new StandInDurableStore(), redis);
        this.admin = tls ? RedisTools.tlsAdmin() : RedisTools.plainAdmin(Bench.REDIS_PLAIN_PORT, Bench.REDIS_PLAIN_PASSWORD);
        this.benchmark = new RedisHotPathBenchmark(this);
    }

    /** The next number of the per-round key tags (the same sequence for both sides). */
    long nextSeq() {
        return roundSeq++;
    }

    void firstHitsNote(Md md) {
        benchmark.firstHitsNote(md);
    }

    void close() {
        long n = RedisTools.deleteAll(admin, prefix);
        Bench.log("redis: deleted %d bench keys under %s", n, prefix);
        redis.close();
        admin.close();
    }

    static RedisTools.Script parConsume() {
        return RedisTools.script("RedisPushedAuthorizationRequestStore", "PAR_CONSUME");
    }

    static RedisTools.Script interactionCas() {
        return RedisTools.script("RedisInteractionStore", "INTERACTION_CAS");
    }

    /** The scripts redis-benchmark runs are the store's own: same source, same SHA, loaded on the server. */
    void verifyScripts() {
        for (RedisTools.Script s : List.of(parConsume(), interactionCas())) {
            String sha = admin.scriptLoad(s.source());
            if (!sha.equals(s.sha1())) {
                throw new IllegalStateException("script " + s.name() + ": server SHA " + sha + " != " + s.sha1());
            }
        }
    }

    Map<String, Series> measure(Op op, int threads, long n, int rounds, boolean withComposite) {
        Map<String, Series> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        if (withComposite) {
            names.add("ours");
        }
        names.add("direct");
        names.add("redis-benchmark");
        if (threads > 1) {
            names.add(RedisHotPath.RB_THREADS);
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
            // CPU of the redis-benchmark process and of the server during that process only (not the set-up)
            RedisTools.BenchmarkResult b = benchmark.run(op, threads, n, name.equals(RedisHotPath.RB_THREADS));
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
        String round = runId + "-" + nextSeq() + "-";
        // 10 minutes: a round on a loaded machine can outlast one minute (the keys are deleted after it)
        Instant exp = Instant.now().plusSeconds(600);
        return cpu(() -> Load.count(threads, n, 0, c -> jti.mark(round + c.seq, exp)));
    }

    private Load.Result parConsume(OidcStore s, int threads, long n) {
        PushedAuthorizationRequestStore par = s.pushedAuthorizationRequests();
        String[] uris = new String[(int) n];
        String round = "urn:ietf:params:oauth:request_uri:" + runId + "-" + nextSeq() + "-";
        Instant now = Instant.now();
        Instant exp = now.plusSeconds(90);
        for (int i = 0; i < n; i++) {
            uris[i] = round + i;
        }
        // set-up (not timed): save every request that the timed part consumes
        Load.count(Bench.POOL, n, 0,
                c -> redis.pushedAuthorizationRequests().save(RedisHotPath.par(uris[(int) c.seq], now, exp)));
        return cpu(() -> Load.count(threads, n, 0, c -> {
            if (par.consume(uris[(int) c.seq]).isEmpty()) {
                throw new IllegalStateException("a saved PAR was not consumed");
            }
        }));
    }

    private Load.Result interactionCas(OidcStore s, int threads, long n) {
        InteractionCompareAndSwap cas = s.interactionCompareAndSwap().orElseThrow();
        byte[][] states = {RedisHotPath.state('A'), RedisHotPath.state('B')};
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
    }}
