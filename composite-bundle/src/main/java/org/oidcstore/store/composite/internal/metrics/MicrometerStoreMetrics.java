package org.oidcstore.store.composite.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.oidcstore.store.composite.SessionDurability;

/**
 * {@link StoreMetrics} on a Micrometer {@link MeterRegistry} (WildFly's micrometer subsystem, or any
 * registry an application hands over): the names, meter types and tags of {@link MpStoreMetrics},
 * so a Prometheus scrape shows the same series ({@code oidc_store_operations_total},
 * {@code oidc_store_operation_seconds_count}, the timer's quantiles where HdrHistogram is present,
 * ...; the names already use Prometheus' underscores, so Micrometer's naming conventions leave them
 * unchanged). The only class of the composite that
 * references Micrometer: created reflectively by {@link MetricsSupport} after the API was found.
 *
 * <p>Meters are resolved once per store method, as on the MicroProfile path: a call increments
 * what it already holds.
 */
public final class MicrometerStoreMetrics implements StoreMetrics {
    private static final String OPERATIONS_HELP = "Store operations through the composite, by outcome";
    private static final String SESSION_HELP = "Operations on sessions, tagged with the session durability posture";
    /** The quantiles a MicroProfile Metrics 5 timer publishes by default (SmallRye and Payara alike). */
    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private final MeterRegistry registry;
    private final ConcurrentMap<List<String>, Counter> counters = new ConcurrentHashMap<>();

    /** Whether the timers publish {@link #PERCENTILES} (HdrHistogram is there); see the constructor. */
    private final boolean percentiles;
    /** Whether meters are created through the registry's shortcut methods (see the constructor). */
    private final boolean shortcuts;
    /** The posture gauges' values: a gauge created by a shortcut holds its value weakly. */
    private final List<AtomicInteger> postures = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Reflective entry point (see {@link MetricsSupport#forRegistry}). */
    public MicrometerStoreMetrics(Object registry) {
        this.registry = (MeterRegistry) registry;
        this.shortcuts = overridesShortcuts(this.registry);
        this.percentiles = !shortcuts && histogramsAvailable(MeterRegistry.class.getClassLoader());
    }

    /**
     * Whether {@code registry} overrides {@code counter(String, Iterable)}: WildFly's per-deployment
     * {@code ApplicationRegistry} forwards only these shortcut methods ({@code counter}, {@code timer},
     * {@code gauge}) to the server's registry, tagged with the deployment; a meter registered with
     * a builder ({@code Counter.builder(..).register(registry)}) stays in the deployment's own
     * registry and is never exported. On such a registry the meters are created through the
     * shortcuts, without descriptions and timer percentiles, which the shortcuts cannot carry.
     */
    private static boolean overridesShortcuts(MeterRegistry registry) {
        try {
            return registry.getClass().getMethod("counter", String.class, Iterable.class).getDeclaringClass()
                    != MeterRegistry.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Client-side percentiles need HdrHistogram, an optional dependency of micrometer-core that
     * WildFly's {@code io.micrometer} module does not carry: there the timers publish count, sum and
     * max only (a timer with percentiles would fail at its first use with NoClassDefFoundError).
     */
    private static boolean histogramsAvailable(ClassLoader micrometer) {
        try {
            Class.forName("org.HdrHistogram.DoubleRecorder", false, micrometer);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public boolean enabled() {
        return true;
    }

    private Counter counter(String name, String description, String... tagPairs) {
        String[] k = Arrays.copyOf(new String[] {name}, tagPairs.length + 1);
        System.arraycopy(tagPairs, 0, k, 1, tagPairs.length);
        return counters.computeIfAbsent(List.of(k), key -> shortcuts ? registry.counter(name, iterable(tagPairs))
                : Counter.builder(name).description(description).tags(Tags.of(tagPairs)).register(registry));
    }

    /**
     * Tags typed as {@code Iterable<Tag>}: the Micrometer compiled against (1.17) has
     * {@code counter(String, Tags)} and {@code timer(String, Tags)} overloads, which neither exist in
     * WildFly 39's Micrometer 1.15 nor are the methods WildFly's registry overrides.
     */
    private static Iterable<Tag> iterable(String... tagPairs) {
        return Tags.of(tagPairs);
    }

    private static String[] base(MetricTags t, String... more) {
        String[] pairs = Arrays.copyOf(new String[] {"kind", t.kind(), "tier", t.tier(), "backend", t.backend()},
                6 + more.length);
        System.arraycopy(more, 0, pairs, 6, more.length);
        return pairs;
    }

    @Override
    public OperationMeters operation(MetricTags tags, String operation, SessionDurability posture) {
        return new Meters(tags, operation, posture);
    }

    @Override
    public void purged(MetricTags tags, long count) {
        if (count > 0) {
            counter(MetricNames.PURGED, "Expired records deleted", base(tags)).increment(count);
        }
    }

    @Override
    public void erased(MetricTags tags, long count) {
        if (count > 0) {
            counter(MetricNames.ERASED, "Records removed by subject erasures", base(tags)).increment(count);
        }
    }

    @Override
    public void subjectErasure() {
        counter(MetricNames.SUBJECT_ERASURES, "Subject erasures (eraseSubject calls) that finished").increment();
    }

    /** Business counters by event and tags. */
    private record BusinessKey(Business event, MetricTags tags) {
    }

    private final ConcurrentMap<BusinessKey, Counter> business = new ConcurrentHashMap<>();

    @Override
    public void business(Business event, MetricTags tags) {
        businessCounterOf(event, tags).increment();
    }

    private Counter businessCounterOf(Business event, MetricTags tags) {
        return business.computeIfAbsent(new BusinessKey(event, tags),
                k -> counter(event.metricName(), event.description(), base(tags)));
    }

    /** Resolved at its first run, then a field read and an increment (no key, no lookup). */
    @Override
    public Runnable businessCounter(Business event, MetricTags tags) {
        return new LazyCount(() -> {
            Counter c = businessCounterOf(event, tags);
            return c::increment;
        });
    }

    @Override
    public void posture(MetricTags sessionTags, SessionDurability posture) {
        Tags tags = Tags.of(base(sessionTags, "posture", posture.configName()));
        if (shortcuts) {
            AtomicInteger one = new AtomicInteger(1);
            postures.add(one);
            registry.gauge(MetricNames.SESSION_POSTURE, tags, one, AtomicInteger::doubleValue);
            return;
        }
        Gauge.builder(MetricNames.SESSION_POSTURE, () -> 1)
                .description("The session durability posture in force (always 1; read the posture tag)")
                .tags(tags).register(registry);
    }

    /** The meters of one method, looked up once (see {@code MpStoreMetrics.Meters}). */
    private final class Meters implements OperationMeters {
        private final MetricTags tags;
        private final String operation;
        private final SessionDurability posture;
        private final Timer timer;
        /** One slot per {@link Outcome}, filled at the outcome's first occurrence. */
        private final AtomicReferenceArray<Counter> outcomes = new AtomicReferenceArray<>(Outcome.COUNT);
        private final AtomicReferenceArray<Counter> sessionOutcomes = new AtomicReferenceArray<>(Outcome.COUNT);
        private volatile Counter replays;
        private volatile Counter conflicts;

        Meters(MetricTags tags, String operation, SessionDurability posture) {
            this.tags = tags;
            this.operation = operation;
            this.posture = posture;
            // the registry returns the existing timer for the same name and tags
            Tags t = Tags.of(base(tags, "operation", operation));
            Timer.Builder b = Timer.builder(MetricNames.OPERATION_TIME).description("Duration of store operations")
                    .tags(t);
            this.timer = shortcuts ? registry.timer(MetricNames.OPERATION_TIME, (Iterable<Tag>) t)
                    : (percentiles ? b.publishPercentiles(PERCENTILES) : b).register(registry);
        }

        @Override
        public void record(String outcome, long nanos) {
            Outcome o = Outcome.ofTag(outcome);
            if (o != null) {
                record(o, nanos);
                return;
            }
            counter(MetricNames.OPERATIONS, OPERATIONS_HELP, base(tags, "operation", operation, "outcome", outcome))
                    .increment();
            if (nanos != UNTIMED) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
            if (posture != null) {
                counter(MetricNames.SESSION_OPERATIONS, SESSION_HELP, base(tags, "operation", operation, "outcome",
                        outcome, "posture", posture.configName())).increment();
            }
        }

        @Override
        public void record(Outcome outcome, long nanos) {
            int i = outcome.ordinal();
            Counter c = outcomes.get(i);
            if (c == null) {
                c = counter(MetricNames.OPERATIONS, OPERATIONS_HELP,
                        base(tags, "operation", operation, "outcome", outcome.tag()));
                outcomes.set(i, c);
            }
            c.increment();
            if (nanos != UNTIMED) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
            if (posture != null) {
                Counter s = sessionOutcomes.get(i);
                if (s == null) {
                    s = counter(MetricNames.SESSION_OPERATIONS, SESSION_HELP, base(tags, "operation", operation,
                            "outcome", outcome.tag(), "posture", posture.configName()));
                    sessionOutcomes.set(i, s);
                }
                s.increment();
            }
        }

        @Override
        public void replay() {
            Counter c = replays;
            if (c == null) {
                c = counter(MetricNames.REPLAYS, "Single-use records presented again (AlreadyConsumedException)",
                        base(tags, "operation", operation));
                replays = c;
            }
            c.increment();
        }

        @Override
        public void conflict() {
            Counter c = conflicts;
            if (c == null) {
                c = counter(MetricNames.CONFLICTS, "Lost optimistic updates and compare-and-swaps (ConflictException)",
                        base(tags, "operation", operation));
                conflicts = c;
            }
            c.increment();
        }
    }
}
