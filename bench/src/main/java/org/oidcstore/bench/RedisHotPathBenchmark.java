package org.oidcstore.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.bench.RedisHotPath.Op;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.redis.RedisStore;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

/**
 * The redis-benchmark side of {@link RedisHotPath}: the single command each of our operations costs
 * the server ({@code SET NX PX}, {@code EVALSHA} of the very script the store runs), on keys shaped
 * as the store's own, on the server of the {@link RedisHotPathRounds} it belongs to.
 */
final class RedisHotPathBenchmark {
    private final RedisHotPathRounds rounds;
    private final boolean tls;
    private final String prefix;
    private final String runId;
    private final RedisStore redis;
    private final RedisClient admin;

    RedisHotPathBenchmark(RedisHotPathRounds rounds) {
        this.rounds = rounds;
        this.tls = rounds.tls;
        this.prefix = rounds.prefix;
        this.runId = rounds.runId;
        this.redis = rounds.redis;
        this.admin = rounds.admin;
    }

    private static final String PAD30 = "x".repeat(30);

    /**
     * One redis-benchmark run of {@code op}; {@code threadPerClient}: the one-thread-per-connection
     * run ({@code --threads}, {@link RedisHotPath#RB_THREADS}).
     */
    RedisTools.BenchmarkResult run(Op op, int threads, long n, boolean threadPerClient) {
        return switch (op) {
            case JTI_MARK -> {
                // same key length as ours (prefix + "jti:" + 43-character digest), same value, same TTL
                String key = prefix + "jti:r" + PAD30 + "__rand_int__";
                yield RedisTools.redisBenchmark(admin, tls, threads, threadPerClient, n, 2_000_000_000L,
                        List.of("SET", key, Long.toString(RedisHotPath.micros(Instant.now().plusSeconds(60))),
                                "NX", "PX", "60000"));
            }
            case PAR_CONSUME -> parBenchmark(threads, n, threadPerClient);
            case INTERACTION_CAS -> casBenchmark(threads, n, threadPerClient);
        };
    }

    /**
     * {@code EVALSHA <par-consume> 1 <key> <now> <grace>} on pre-saved hashes shaped as ours (fields
     * x and d, same sizes). redis-benchmark picks keys at random, so some calls hit a key already
     * consumed and take the script's shorter path; the keyspace is 4 × the calls (about 88 % first
     * hits), and the measured share of first hits is reported.
     */
    private RedisTools.BenchmarkResult parBenchmark(int threads, long n, boolean threadPerClient) {
        Map<String, String> shape = parShape();
        long keyspace = 4 * n;
        String tag = "rbp" + rounds.nextSeq() + "-";
        String base = prefix + "par:" + tag;
        String keyPrefix = base + "x".repeat(43 - tag.length() - 12);
        populate(keyPrefix, keyspace, shape);
        RedisTools.Script s = RedisHotPathRounds.parConsume();
        long now = RedisHotPath.micros(Instant.now());
        long grace = PushedAuthorizationRequestStore.CONSUME_GRACE.toNanos() / 1000;
        RedisTools.BenchmarkResult r = RedisTools.redisBenchmark(admin, tls, threads, threadPerClient, n, keyspace,
                List.of("EVALSHA", s.sha1(), "1", keyPrefix + "__rand_int__", Long.toString(now), Long.toString(grace)));
        long consumed = countField(keyPrefix, keyspace, "c");
        firstHits.add((double) consumed / n);
        RedisTools.deleteAll(admin, base);
        return r;
    }

    private final List<Double> firstHits = new ArrayList<>();

    void firstHitsNote(Md md) {
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
    private RedisTools.BenchmarkResult casBenchmark(int threads, long n, boolean threadPerClient) {
        Map<String, String> shape = interactionShape();
        String idPrefix = "bench-" + runId + "-";
        String keyPrefix = prefix + "ia:" + idPrefix;
        String st = new String(RedisHotPath.state('A'), StandardCharsets.US_ASCII);
        Map<String, String> fields = new HashMap<>(shape);
        fields.put("s", st);
        populate(keyPrefix, threads, fields);
        RedisTools.Script s = RedisHotPathRounds.interactionCas();
        return RedisTools.redisBenchmark(admin, tls, threads, threadPerClient, n, threads,
                List.of("EVALSHA", s.sha1(), "1", keyPrefix + "__rand_int__",
                        Long.toString(RedisHotPath.micros(Instant.now())), st, "600000", "x", shape.get("x"), "s", st, "d", shape.get("d")));
    }

    /** A PAR hash as our store writes it (values as ISO-8859-1 strings, one char per byte). */
    private Map<String, String> parShape;

    private Map<String, String> parShape() {
        if (parShape != null) {
            return parShape;
        }
        Instant now = Instant.now();
        String uri = "urn:shape:" + runId;
        redis.pushedAuthorizationRequests().save(RedisHotPath.par(uri, now, now.plusSeconds(3600)));
        String digest = org.oidcstore.store.spi.SecretDigest.unpeppered()
                .digest(org.oidcstore.store.StoreKind.PUSHED_AUTHORIZATION_REQUESTS, uri);
        parShape = shapeOf(prefix + "par:" + digest);
        return parShape;
    }

    private Map<String, String> interactionShape() {
        Instant now = Instant.now();
        String id = "shape-" + runId;
        redis.interactions().save(new Interaction(id, RedisHotPath.state('A'), now, now.plusSeconds(3600)));
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
}
