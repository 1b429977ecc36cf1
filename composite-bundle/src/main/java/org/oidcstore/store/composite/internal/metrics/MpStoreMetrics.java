package org.oidcstore.store.composite.internal.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.oidcstore.store.composite.SessionDurability;

/**
 * {@link StoreMetrics} on a MicroProfile Metrics 5.1 {@link MetricRegistry}. The only class of the
 * composite that references MicroProfile Metrics: created reflectively by {@link MetricsSupport}
 * after the API was found, never named in a signature elsewhere.
 *
 * <p>Meters are cached per name and tag values and resolved once per store method and outcome
 * (see {@link Meters}): a call reads an array slot and increments.
 */
public final class MpStoreMetrics implements StoreMetrics {
    private static final String OPERATIONS_HELP = "Store operations through the composite, by outcome";
    private static final String SESSION_HELP = "Operations on sessions, tagged with the session durability posture";
    private final MetricRegistry registry;
    private final ConcurrentMap<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<List<String>, Timer> timers = new ConcurrentHashMap<>();

    /** Reflective entry point (see {@link MetricsSupport#forRegistry}). */
    public MpStoreMetrics(Object registry) {
        this.registry = (MetricRegistry) registry;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    private Counter counter(String name, String description, String... tagPairs) {
        List<String> key = key(name, tagPairs);
        return counters.computeIfAbsent(key, k -> registry.counter(
                Metadata.builder().withName(name).withDescription(description).build(), tags(tagPairs)));
    }

    private static List<String> key(String name, String... tagPairs) {
        String[] k = Arrays.copyOf(new String[] {name}, tagPairs.length + 1);
        System.arraycopy(tagPairs, 0, k, 1, tagPairs.length);
        return List.of(k);
    }

    private static Tag[] tags(String... pairs) {
        Tag[] t = new Tag[pairs.length / 2];
        for (int i = 0; i < t.length; i++) {
            t[i] = new Tag(pairs[2 * i], pairs[2 * i + 1]);
        }
        return t;
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
            counter(MetricNames.PURGED, "Expired records deleted", base(tags)).inc(count);
        }
    }

    @Override
    public void erased(MetricTags tags, long count) {
        if (count > 0) {
            counter(MetricNames.ERASED, "Records removed by subject erasures", base(tags)).inc(count);
        }
    }

    @Override
    public void subjectErasure() {
        counter(MetricNames.SUBJECT_ERASURES, "Subject erasures (eraseSubject calls) that finished").inc();
    }

    /** Business counters by event and tags: a record key, hashed from three cached strings. */
    private record BusinessKey(Business event, MetricTags tags) {
    }

    private final ConcurrentMap<BusinessKey, Counter> business = new ConcurrentHashMap<>();

    @Override
    public void business(Business event, MetricTags tags) {
        businessCounterOf(event, tags).inc();
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
            return c::inc;
        });
    }

    @Override
    public void posture(MetricTags sessionTags, SessionDurability posture) {
        String[] pairs = base(sessionTags, "posture", posture.configName());
        registry.gauge(Metadata.builder().withName(MetricNames.SESSION_POSTURE)
                .withDescription("The session durability posture in force (always 1; read the posture tag)").build(),
                () -> 1, tags(pairs));
    }

    /**
     * The meters of one method, looked up once: the timer, the replay and conflict counters, and
     * one counter per outcome (an outcome's counter is created on its first occurrence and then
     * kept in the outcome's array slot: a call does no map lookup and allocates nothing of ours).
     */
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
            String[] pairs = base(tags, "operation", operation);
            this.timer = timers.computeIfAbsent(key(MetricNames.OPERATION_TIME, pairs), k -> registry.timer(
                    Metadata.builder().withName(MetricNames.OPERATION_TIME)
                            .withDescription("Duration of store operations").build(), tags(pairs)));
        }

        @Override
        public void record(String outcome, long nanos) {
            Outcome o = Outcome.ofTag(outcome);
            if (o != null) {
                record(o, nanos);
                return;
            }
            counter(MetricNames.OPERATIONS, OPERATIONS_HELP, base(tags, "operation", operation, "outcome", outcome)).inc();
            if (nanos != UNTIMED) {
                timer.update(Duration.ofNanos(nanos));
            }
            if (posture != null) {
                counter(MetricNames.SESSION_OPERATIONS, SESSION_HELP, base(tags, "operation", operation, "outcome",
                        outcome, "posture", posture.configName())).inc();
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
            c.inc();
            if (nanos != UNTIMED) {
                timer.update(Duration.ofNanos(nanos));
            }
            if (posture != null) {
                Counter s = sessionOutcomes.get(i);
                if (s == null) {
                    s = counter(MetricNames.SESSION_OPERATIONS, SESSION_HELP, base(tags, "operation", operation,
                            "outcome", outcome.tag(), "posture", posture.configName()));
                    sessionOutcomes.set(i, s);
                }
                s.inc();
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
            c.inc();
        }

        @Override
        public void conflict() {
            Counter c = conflicts;
            if (c == null) {
                c = counter(MetricNames.CONFLICTS, "Lost optimistic updates and compare-and-swaps (ConflictException)",
                        base(tags, "operation", operation));
                conflicts = c;
            }
            c.inc();
        }
    }
}
