package org.oidcstore.bench;

import io.smallrye.metrics.SharedMetricRegistries;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the metered composite cannot make cheaper (case 2's floor, by hand, not in {@code run.sh}):
 * one SmallRye Metrics 5.1 {@code Timer.update} and one {@code Counter.inc} on meters resolved once,
 * with the tags the composite uses, and the two clock readings a timed call takes; and, for the
 * operator's choice, a timer whose quantiles are turned off by MicroProfile Config.
 *
 * <pre>java -cp "bench/target/oidc-store-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main MeterCostJmh -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MeterCostJmh {
    /** The name of a timer the operator configured without quantiles (MP Metrics 5.1 config). */
    private static final String NO_QUANTILES = "oidc_store_operation_no_quantiles";

    private Timer timer;
    private Timer timerWithoutQuantiles;
    private Counter counter;
    private long nanos = 1_000;

    @Setup
    public void setup() {
        // read by SmallRye Metrics when the timer is created: "name=" with no value turns its quantiles off
        System.setProperty("mp.metrics.distribution.percentiles", NO_QUANTILES + "=");
        MetricRegistry registry = SharedMetricRegistries.getOrCreate("meter-cost-" + UUID.randomUUID());
        Tag[] tags = {new Tag("kind", "consumed-jwt-ids"), new Tag("tier", "volatile"), new Tag("backend", "memory"),
            new Tag("operation", "mark")};
        timer = registry.timer(Metadata.builder().withName("oidc_store_operation").build(), tags);
        timerWithoutQuantiles = registry.timer(Metadata.builder().withName(NO_QUANTILES).build(), tags);
        counter = registry.counter(Metadata.builder().withName("oidc_store_operations").build(),
                new Tag("kind", "consumed-jwt-ids"), new Tag("tier", "volatile"), new Tag("backend", "memory"),
                new Tag("operation", "mark"), new Tag("outcome", "ok"));
    }

    @Benchmark
    public void timerUpdate() {
        nanos = (nanos * 7 + 13) & 0xFFFF; // durations of 0-65 µs, as store calls take
        timer.update(Duration.ofNanos(nanos));
    }

    /** The same timer with {@code mp.metrics.distribution.percentiles=<name>=}: count, sum and max only. */
    @Benchmark
    public void timerUpdateWithoutQuantiles() {
        nanos = (nanos * 7 + 13) & 0xFFFF;
        timerWithoutQuantiles.update(Duration.ofNanos(nanos));
    }

    @Benchmark
    public void counterInc() {
        counter.inc();
    }

    @Benchmark
    public long twoClockReadings() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }
}
