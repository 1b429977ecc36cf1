package org.oidcstore.store.composite.internal.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.internal.CompositeMessages;

/**
 * Wraps a substore so that every call is counted and timed. One dynamic proxy serves every
 * substore and extension interface: the metrics are the same for all of them (operation = method
 * name), and the business counters are those the API methods declare with {@code @StoreEvent}. Without metrics
 * the store is returned as is, so the composite adds no indirection.
 *
 * <p>Everything a method records is resolved when the store is wrapped ({@link MeteredMethod}); a
 * call looks its method up by identity, records one counter increment (every call is counted) and,
 * only for methods that declare events, checks them. One call in {@link TimerSampling#oneIn()},
 * chosen at random before the call, is also timed: two clock readings and one timer update, which
 * an untimed call skips (see {@link TimerSampling} and docs/architecture.md, "What a metered call
 * costs").</p>
 */
public final class MeteredStores {
    private static final System.Logger METER_LOG = System.getLogger("org.oidcstore.store.composite.metrics");

    private final StoreMetrics metrics;
    private final CommitHook commits;
    private final SessionDurability posture;
    private final TimerSampling sampling;

    /**
     * @param sampling the timer sampling of every tier, or {@code null} for each tier's default
     *     ({@link TimerSampling#defaultFor})
     */
    public MeteredStores(StoreMetrics metrics, CommitHook commits, SessionDurability posture, TimerSampling sampling) {
        this.metrics = metrics;
        this.commits = commits;
        this.posture = posture;
        this.sampling = sampling;
    }

    public StoreMetrics metrics() {
        return metrics;
    }

    /** Runs actions after the caller's transaction commits (at once without one). */
    public CommitHook commits() {
        return commits;
    }

    /** {@code target} as {@code type}, metered under {@code tags} when metrics are enabled. */
    public Object wrap(Class<?> type, StoreKind kind, MetricTags tags, Object target) {
        if (!metrics.enabled()) {
            return type.cast(target);
        }
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new Handler(type, type.cast(target), kind, tags));
    }

    private final class Handler implements InvocationHandler {
        private final Object target;
        private final MetricTags tags;
        private final TimerSampling sampling;
        /** Every method's meters and events, resolved here once, by method equality. */
        private final Map<Method, MeteredMethod> byEquals = new HashMap<>();
        /**
         * The same entries keyed by the {@code Method} objects the proxy passes (its own, one per
         * method, the same at every call): an identity lookup instead of {@code Method.equals}.
         * Copied on write, filled at each method's first call.
         */
        private volatile Map<Method, MeteredMethod> byIdentity = new IdentityHashMap<>();

        Handler(Class<?> type, Object target, StoreKind kind, MetricTags tags) {
            this.target = target;
            this.tags = tags;
            this.sampling = MeteredStores.this.sampling != null ? MeteredStores.this.sampling
                    : TimerSampling.defaultFor(tags.tier());
            SessionDurability sessionPosture = kind.postureRouted() ? posture : null;
            for (Method m : type.getMethods()) {
                if (m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers())) {
                    byEquals.put(m, new MeteredMethod(m, metrics, tags, sessionPosture));
                }
            }
        }

        private MeteredMethod metered(Method method) {
            MeteredMethod m = byIdentity.get(method);
            if (m == null) {
                m = byEquals.get(method);
                if (m != null) {
                    synchronized (this) {
                        Map<Method, MeteredMethod> copy = new IdentityHashMap<>(byIdentity);
                        copy.put(method, m);
                        byIdentity = copy;
                    }
                }
            }
            return m;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            MeteredMethod m = metered(method);
            if (m == null) {
                return unmetered(proxy, method, args);
            }
            boolean timed = sampling.timeThisCall();
            long start = timed ? System.nanoTime() : 0L;
            Object result;
            try {
                result = m.method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                long nanos = timed ? System.nanoTime() - start : StoreMetrics.OperationMeters.UNTIMED;
                try {
                    failed(m, cause, nanos, args);
                } catch (RuntimeException meterFailure) {
                    meterFailed(m.name, meterFailure);
                }
                throw cause;
            }
            long nanos = timed ? System.nanoTime() - start : StoreMetrics.OperationMeters.UNTIMED;
            try {
                m.meters.record(Outcome.of(result), nanos);
                if (m.purge && result instanceof Integer n) {
                    metrics.purged(tags, n);
                }
                if (m.returned.length != 0) {
                    returned(m, args, result);
                }
            } catch (RuntimeException meterFailure) {
                meterFailed(m.name, meterFailure);
            }
            return result;
        }

        private Object unmetered(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "metered(" + target + ")";
                };
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /**
         * A metric that cannot be recorded (a name clash in the application's registry, a failing
         * commit hook) never replaces the store's answer: the caller gets its result or its
         * exception (a replay's record, say), and the failure is logged, by class only.
         */
        private void meterFailed(String op, RuntimeException e) {
            METER_LOG.log(System.Logger.Level.WARNING, CompositeMessages.METRIC_NOT_RECORDED + " a metric of " + op + " could not be recorded ("
                    + e.getClass().getName() + "); the store call's outcome is unaffected");
        }

        private void returned(MeteredMethod m, Object[] args, Object result) {
            for (MeteredMethod.Event e : m.returned) {
                if (e.business().matches(args, result)) {
                    if (e.atCommit()) {
                        commits.afterCommit(e.count());
                    } else {
                        e.count().run();
                    }
                }
            }
        }

        private void failed(MeteredMethod m, Throwable cause, long nanos, Object[] args) {
            m.meters.record(Outcome.of(cause), nanos);
            MeteredMethod.Event[] events = null;
            if (cause instanceof AlreadyConsumedException) {
                m.meters.replay();
                events = m.replayed;
            } else if (cause instanceof ConflictException) {
                m.meters.conflict();
                events = m.conflicted;
            }
            if (events != null) {
                for (MeteredMethod.Event e : events) {
                    if (e.business().matches(args, null)) {
                        e.count().run();
                    }
                }
            }
        }
    }
}
