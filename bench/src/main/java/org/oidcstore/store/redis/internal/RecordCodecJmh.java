package org.oidcstore.store.redis.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Redis tier's record bodies, encoded and decoded (one round trip per call) by the tier's own
 * varint codec ({@link RecordCodec}) and by Jakarta JSON Processing on Eclipse Parsson
 * ({@link JsonRecords}, the streaming API: the fastest way JSON-P offers). It lives in the tier's
 * internal package because the codec is package-private; the bench jar is never a bundle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordCodecJmh {
    private Session session;
    private PushedAuthorizationRequest par;
    private byte[] sessionBody;
    private byte[] parBody;
    private byte[] sessionJson;
    private byte[] parJson;

    @Setup
    public void setup() {
        session = SampleRecords.session();
        par = SampleRecords.par();
        sessionBody = RedisSessionStore.body(session);
        parBody = RedisPushedAuthorizationRequestStore.body(par);
        sessionJson = JsonRecords.session(session);
        parJson = JsonRecords.par(par);
    }

    @Benchmark
    public Session sessionVarint() {
        return RedisSessionStore.fromBody(RedisSessionStore.body(session), session.updatedAt(), session.expiresAt());
    }

    @Benchmark
    public Session sessionJson() {
        return JsonRecords.session(JsonRecords.session(session), session.updatedAt(), session.expiresAt());
    }

    @Benchmark
    public PushedAuthorizationRequest parVarint() {
        return RedisPushedAuthorizationRequestStore.fromBody(RedisPushedAuthorizationRequestStore.body(par), par.requestUri(), par.expiresAt());
    }

    @Benchmark
    public PushedAuthorizationRequest parJson() {
        return JsonRecords.par(JsonRecords.par(par), par.requestUri(), par.expiresAt());
    }

    @Benchmark
    public Session sessionDecodeVarint() {
        return RedisSessionStore.fromBody(sessionBody, session.updatedAt(), session.expiresAt());
    }

    @Benchmark
    public Session sessionDecodeJson() {
        return JsonRecords.session(sessionJson, session.updatedAt(), session.expiresAt());
    }

    @Benchmark
    public PushedAuthorizationRequest parDecodeVarint() {
        return RedisPushedAuthorizationRequestStore.fromBody(parBody, par.requestUri(), par.expiresAt());
    }

    @Benchmark
    public PushedAuthorizationRequest parDecodeJson() {
        return JsonRecords.par(parJson, par.requestUri(), par.expiresAt());
    }

    /** Body sizes in bytes: {varint session, JSON session, varint PAR, JSON PAR}. */
    public static List<Integer> sizes() {
        Session s = SampleRecords.session();
        PushedAuthorizationRequest p = SampleRecords.par();
        return List.of(RedisSessionStore.body(s).length, JsonRecords.session(s).length, RedisPushedAuthorizationRequestStore.body(p).length,
                JsonRecords.par(p).length);
    }

    /** Whether both codecs give back the records they were given (checked before measuring). */
    public static boolean roundTrips() {
        Session s = SampleRecords.session();
        PushedAuthorizationRequest p = SampleRecords.par();
        return RedisSessionStore.fromBody(RedisSessionStore.body(s), s.updatedAt(), s.expiresAt()).equals(s)
                && JsonRecords.session(JsonRecords.session(s), s.updatedAt(), s.expiresAt()).equals(s)
                && RedisPushedAuthorizationRequestStore.fromBody(RedisPushedAuthorizationRequestStore.body(p), p.requestUri(), p.expiresAt()).equals(p)
                && JsonRecords.par(JsonRecords.par(p), p.requestUri(), p.expiresAt()).equals(p);
    }

    /**
     * The JSON / varint time ratio of each operation, measured back to back in one JVM (after a
     * warm-up): {@code rounds} rounds, each timing {@code ops} calls of both codecs in alternating
     * order, so that the machine's noise hits both alike. Per operation: the per-round ratios.
     */
    public static java.util.Map<String, double[]> interleavedRatios(int rounds, int ops) {
        RecordCodecJmh b = new RecordCodecJmh();
        b.setup();
        java.util.Map<String, java.util.function.Supplier<Object>[]> pairs = new java.util.LinkedHashMap<>();
        pairs.put("session round trip", pair(b::sessionVarint, b::sessionJson));
        pairs.put("session decode", pair(b::sessionDecodeVarint, b::sessionDecodeJson));
        pairs.put("pushed request round trip", pair(b::parVarint, b::parJson));
        pairs.put("pushed request decode", pair(b::parDecodeVarint, b::parDecodeJson));
        for (int w = 0; w < 5; w++) { // warm-up: both codecs compiled before any round counts
            pairs.values().forEach(p -> { time(p[0], ops); time(p[1], ops); });
        }
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        pairs.forEach((name, p) -> {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean varintFirst = r % 2 == 0;
                long first = time(p[varintFirst ? 0 : 1], ops);
                long second = time(p[varintFirst ? 1 : 0], ops);
                ratios[r] = varintFirst ? (double) second / first : (double) first / second;
            }
            out.put(name, ratios);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static java.util.function.Supplier<Object>[] pair(java.util.function.Supplier<Object> varint,
            java.util.function.Supplier<Object> json) {
        return new java.util.function.Supplier[] {varint, json};
    }

    private static volatile Object sink;

    private static long time(java.util.function.Supplier<Object> op, int ops) {
        long t0 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            sink = op.get();
        }
        return System.nanoTime() - t0;
    }

    static Instant now() {
        return Instant.parse("2026-12-06T12:00:00.123456Z");
    }
}
