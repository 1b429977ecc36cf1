package org.oidcstore.store.composite.internal.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.spi.StoreEvent;
import org.oidcstore.store.composite.internal.metrics.StoreMetrics.OperationMeters;
import org.oidcstore.store.composite.internal.CompositeMessages;

/**
 * Wraps a substore so that every call is counted and timed. One dynamic proxy serves every
 * substore and extension interface: the metrics are the same for all of them (operation = method
 * name), and the business counters are those the API methods declare with {@code @StoreEvent}. Without metrics
 * the store is returned as is, so the composite adds no indirection.
 */
public final class MeteredStores {
    private static final System.Logger METER_LOG = System.getLogger("org.oidcstore.store.composite.metrics");

    private final StoreMetrics metrics;
    private final CommitHook commits;
    private final SessionDurability posture;

    public MeteredStores(StoreMetrics metrics, CommitHook commits, SessionDurability posture) {
        this.metrics = metrics;
        this.commits = commits;
        this.posture = posture;
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

    /** How a call ended, as the {@code outcome} tag. */
    static String outcome(Object result) {
        if (result instanceof Optional<?> o && o.isEmpty() || Boolean.FALSE.equals(result)) {
            return "absent";
        }
        return "ok";
    }

    static String outcome(Throwable failure) {
        if (failure instanceof AlreadyConsumedException) {
            return "replay";
        } else if (failure instanceof ConflictException) {
            return "conflict";
        } else if (failure instanceof DuplicateRecordException) {
            return "duplicate";
        } else if (failure instanceof StoreUnavailableException) {
            return "unavailable";
        } else if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException) {
            return "invalid";
        }
        return "error";
    }

    private final class Handler implements InvocationHandler {
        private final Object target;
        private final MetricTags tags;
        /** Every method's meters, resolved here once: a call does no metric lookup. */
        private final Map<Method, OperationMeters> meters = new HashMap<>();
        /** Every method's business events ({@code @StoreEvent} of the API), resolved once. */
        private final Map<Method, List<Business>> events = new HashMap<>();

        Handler(Class<?> type, Object target, StoreKind kind, MetricTags tags) {
            this.target = target;
            this.tags = tags;
            SessionDurability sessionPosture = kind.postureRouted() ? posture : null;
            for (Method m : type.getMethods()) {
                if (m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers())) {
                    meters.put(m, metrics.operation(tags, m.getName(), sessionPosture));
                    List<Business> declared = Business.of(m);
                    if (!declared.isEmpty()) {
                        events.put(m, declared);
                    }
                }
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "metered(" + target + ")";
                };
            }
            String op = method.getName();
            OperationMeters m = meters.getOrDefault(method, OperationMeters.NONE);
            long start = System.nanoTime();
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                long nanos = System.nanoTime() - start;
                try {
                    failed(m, method, op, cause, nanos, args);
                } catch (RuntimeException meterFailure) {
                    meterFailed(op, meterFailure);
                }
                throw cause;
            }
            long nanos = System.nanoTime() - start;
            try {
                succeeded(m, method, op, args, result, nanos);
            } catch (RuntimeException meterFailure) {
                meterFailed(op, meterFailure);
            }
            return result;
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

        private void succeeded(OperationMeters m, Method method, String op, Object[] args, Object result, long nanos) {
            m.record(outcome(result), nanos);
            if ((op.equals("purgeExpired") || op.equals("purge")) && result instanceof Integer n) {
                metrics.purged(tags, n);
            }
            for (Business b : events.getOrDefault(method, List.of())) {
                if (b.counts(StoreEvent.When.RETURNED, args, result)) {
                    if (b.when() == StoreEvent.When.COMMITTED) {
                        commits.afterCommit(() -> metrics.business(b, tags));
                    } else {
                        metrics.business(b, tags);
                    }
                }
            }
        }

        private void failed(OperationMeters m, Method method, String op, Throwable cause, long nanos, Object[] args) {
            m.record(outcome(cause), nanos);
            StoreEvent.When outcome = null;
            if (cause instanceof AlreadyConsumedException) {
                m.replay();
                outcome = StoreEvent.When.REPLAYED;
            } else if (cause instanceof ConflictException) {
                m.conflict();
                outcome = StoreEvent.When.CONFLICTED;
            }
            if (outcome != null) {
                for (Business b : events.getOrDefault(method, List.of())) {
                    if (b.counts(outcome, args, null)) {
                        metrics.business(b, tags);
                    }
                }
            }
        }
    }
}
