package org.oidcstore.store.composite.internal.metrics;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Picks the metrics and commit-hook implementations without ever linking against an API that may
 * be missing. {@code MpStoreMetrics}, {@code MicrometerStoreMetrics} and {@code JtaCommitHook} are
 * named by string and created reflectively only after their API class was found through this
 * bundle's class loader, so this class (loaded unconditionally by the composite) has no MicroProfile
 * Metrics, Micrometer or JTA type in any signature, field or method body: on a server without them,
 * nothing here can fail to link.
 *
 * <p>Selection order: a MicroProfile Metrics {@code MetricRegistry} when there is one (Payara,
 * SmallRye); else a Micrometer {@code MeterRegistry} (WildFly's micrometer subsystem); else nothing
 * is recorded and the stores are not wrapped.
 */
public final class MetricsSupport {
    private static final System.Logger LOG = System.getLogger(MetricsSupport.class.getName());

    static final String METRIC_REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";
    static final String TSR = "jakarta.transaction.TransactionSynchronizationRegistry";
    static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    private static final String MP_IMPL = "org.oidcstore.store.composite.internal.metrics.MpStoreMetrics";
    private static final String MICROMETER_IMPL =
            "org.oidcstore.store.composite.internal.metrics.MicrometerStoreMetrics";
    private static final String JTA_IMPL = "org.oidcstore.store.composite.internal.metrics.JtaCommitHook";

    private MetricsSupport() {
    }

    /** The MicroProfile {@code MetricRegistry} type, when its API is visible to this bundle. */
    public static Optional<Class<?>> registryType() {
        return load(METRIC_REGISTRY);
    }

    /** The Micrometer {@code MeterRegistry} type, when its API is visible to this bundle. */
    public static Optional<Class<?>> meterRegistryType() {
        return load(METER_REGISTRY);
    }

    /** The JTA {@code TransactionSynchronizationRegistry} type, when visible. */
    public static Optional<Class<?>> synchronizationRegistryType() {
        return load(TSR);
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, MetricsSupport.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * Metrics recorded in {@code registry}: an {@code org.eclipse.microprofile.metrics.MetricRegistry}
     * or an {@code io.micrometer.core.instrument.MeterRegistry} (same names, types and tags);
     * {@link StoreMetrics#NONE} when {@code registry} is null or neither.
     */
    public static StoreMetrics forRegistry(Object registry) {
        if (registry == null) {
            return StoreMetrics.NONE;
        }
        if (registryType().filter(t -> t.isInstance(registry)).isPresent()) {
            return (StoreMetrics) create(MP_IMPL, registry).orElse(StoreMetrics.NONE);
        }
        if (meterRegistryType().filter(t -> t.isInstance(registry)).isPresent()) {
            return (StoreMetrics) create(MICROMETER_IMPL, registry).orElse(StoreMetrics.NONE);
        }
        LOG.log(Level.WARNING, "oidc-store: the metric registry given ({0}) is neither a MicroProfile Metrics"
                + " MetricRegistry nor a Micrometer MeterRegistry visible to the composite; metrics are disabled",
                registry.getClass().getName());
        return StoreMetrics.NONE;
    }

    /** A hook counting at commit of the JTA transaction seen by {@code registry} (a TSR); immediate when null. */
    public static CommitHook forSynchronizationRegistry(Object registry) {
        if (registry == null || synchronizationRegistryType().filter(t -> t.isInstance(registry)).isEmpty()) {
            return CommitHook.IMMEDIATE;
        }
        return (CommitHook) create(JTA_IMPL, registry).orElse(CommitHook.IMMEDIATE);
    }

    private static Optional<Object> create(String impl, Object arg) {
        try {
            return Optional.of(Class.forName(impl, true, MetricsSupport.class.getClassLoader())
                    .getConstructor(Object.class).newInstance(arg));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "oidc-store: " + impl + " could not be created; continuing without it", e);
            return Optional.empty();
        }
    }
}
