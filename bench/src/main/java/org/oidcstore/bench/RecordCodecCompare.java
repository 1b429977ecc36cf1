package org.oidcstore.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.oidcstore.store.redis.internal.RecordCodecJmh;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RecordCodecJmh}: the Redis tier's hand-written varint record codec against Jakarta
 * JSON Processing (Eclipse Parsson) on the same records, time per call and body size.
 */
final class RecordCodecCompare {
    static final String CASE = "codec-redis";

    private RecordCodecCompare() {
    }

    static void run() throws RunnerException {
        Summary.reset(CASE);
        if (!RecordCodecJmh.roundTrips()) {
            throw new IllegalStateException("a codec does not give back the record it was given");
        }
        Options opt = new OptionsBuilder().include(RecordCodecJmh.class.getName() + "\\.")
                .forks(Bench.QUICK ? 1 : 2)
                .warmupIterations(Bench.QUICK ? 1 : 3).warmupTime(TimeValue.milliseconds(Bench.QUICK ? 200 : 1000))
                .measurementIterations(Bench.QUICK ? 2 : 5)
                .measurementTime(TimeValue.milliseconds(Bench.QUICK ? 200 : 1000))
                .threads(1).timeUnit(TimeUnit.NANOSECONDS).jvmArgsAppend("-Xms512m", "-Xmx512m")
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        Map<String, RunResult> by = new LinkedHashMap<>();
        for (RunResult r : results) {
            String b = r.getParams().getBenchmark();
            by.put(b.substring(b.lastIndexOf('.') + 1), r);
        }
        List<Integer> sizes = RecordCodecJmh.sizes();
        Md md = new Md();
        md.h(2, "7. Redis record bodies: varint codec vs JSON-P (JMH)");
        md.p(Md.f("JMH 1.37, average time per call, 1 thread, %s; ± is JMH's 99.9 %% confidence half-interval."
                + " *varint* = the tier's `RecordCodec`; *JSON* = Jakarta JSON Processing on Eclipse Parsson"
                + " (streaming generator and parser, one-letter member names, instants as epoch microseconds:"
                + " the leanest JSON-P mapping). A session with two AMR values and three clients; a code-flow"
                + " pushed request with PKCE (9 parameters). *round trip* = encode then decode.",
                Bench.QUICK ? "1 fork, 1 × 200 ms warm-up, 2 × 200 ms measurement (quick mode)"
                        : "2 forks × (3 × 1 s warm-up, 5 × 1 s measurement)"));
        Md.Table t = md.table("record", "operation", "varint ns/op", "JSON ns/op", "JSON / varint",
                "varint bytes", "JSON bytes");
        row(t, by, "session", "round trip", "sessionVarint", "sessionJson", sizes.get(0), sizes.get(1));
        row(t, by, "session", "decode", "sessionDecodeVarint", "sessionDecodeJson", sizes.get(0), sizes.get(1));
        row(t, by, "pushed request", "round trip", "parVarint", "parJson", sizes.get(2), sizes.get(3));
        row(t, by, "pushed request", "decode", "parDecodeVarint", "parDecodeJson", sizes.get(2), sizes.get(3));
        t.end();
        int rounds = Bench.QUICK ? 3 : 21;
        md.p(Md.f("The same ratios measured back to back in one JVM (%d rounds of 20 000 calls per codec, alternating"
                + " which goes first; median [range]), the bench's usual defence against a noisy machine:", rounds));
        Md.Table r = md.table("operation", "JSON / varint time, median [range]");
        RecordCodecJmh.interleavedRatios(rounds, 20_000).forEach((name, ratios) -> {
            double[] sorted = ratios.clone();
            java.util.Arrays.sort(sorted);
            String cell = Md.f("%.1f × [%.1f – %.1f]", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
            r.row(name, cell);
            Summary.row(CASE, "7 · Redis " + name + ", back to back: JSON-P time / varint time", "—", cell,
                    "measured");
        });
        r.end();
        md.write(Bench.OUT.resolve(CASE + ".md"));
    }

    private static void row(Md.Table t, Map<String, RunResult> by, String record, String op, String varint,
            String json, int varintBytes, int jsonBytes) {
        RunResult v = by.get(varint);
        RunResult j = by.get(json);
        double ratio = j.getPrimaryResult().getScore() / v.getPrimaryResult().getScore();
        t.row(record, op, cell(v), cell(j), Md.f("%.1f ×", ratio), Integer.toString(varintBytes),
                Integer.toString(jsonBytes));
        Summary.row(CASE, "7 · Redis " + record + " body, " + op + ": JSON-P time / varint time", "—",
                Md.f("%.1f × (%d vs %d bytes)", ratio, jsonBytes, varintBytes), "measured");
    }

    private static String cell(RunResult r) {
        double err = r.getPrimaryResult().getScoreError();
        return Double.isNaN(err) ? Md.f("%.0f", r.getPrimaryResult().getScore())
                : Md.f("%.0f ± %.0f", r.getPrimaryResult().getScore(), err);
    }
}
