package org.oidcstore.store.composite.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.composite.internal.metrics.MeteredStores;
import org.oidcstore.store.composite.internal.metrics.MetricsSupport;
import org.oidcstore.store.composite.internal.metrics.TimerSampling;

/**
 * The {@code @Default} composite ({@code OidcStore} and {@code CompositeStore}), over each routed
 * backend's aggregate bean. The {@code @Default} substore beans ({@code RefreshTokenStore}, …) are
 * derived from {@code StoreKind} by the routing extension. Everything is
 * {@code @ApplicationScoped}, so nothing is resolved before first use.
 */
@ApplicationScoped
public class CompositeProducer {

    @Inject
    ValidatedDeployment deployment;

    @Inject
    @Any
    Instance<Object> beans;

    @Inject
    BeanManager beanManager;

    @Produces
    @ApplicationScoped
    @Typed({CompositeStore.class, OidcStore.class})
    CompositeStore composite() {
        RoutingPlan plan = deployment.plan();
        Map<BackendFacts, OidcStore> handles = new HashMap<>();
        for (BackendFacts b : plan.backends().values()) {
            handles.computeIfAbsent(b, k -> aggregate(deployment.aggregate(k)));
        }
        MeteredStores metered = new MeteredStores(
                MetricsSupport.forRegistry(registry()),
                MetricsSupport.forSynchronizationRegistry(reference(MetricsSupport.synchronizationRegistryType())),
                plan.sessionDurability(), TimerSampling.configured(CurrentConfig.lookup()).orElse(null));
        return new RoutedStore(plan, handles, metered);
    }

    /**
     * A backend's aggregate, through the very bean the routing extension saw (and validated) during
     * discovery: a client proxy, so the backend is created by its first call. A lookup by type
     * from the composite's beans fails on servers whose bean-archive visibility hides other
     * {@code WEB-INF/lib} jars from the beans an extension adds (Payara).
     */
    private OidcStore aggregate(Bean<?> bean) {
        return (OidcStore) beanManager.getReference(bean, OidcStore.class, beanManager.createCreationalContext(bean));
    }

    /**
     * Where the metrics go: the MicroProfile {@code MetricRegistry} bean when there is one, else a
     * Micrometer {@code MeterRegistry} bean (WildFly's micrometer subsystem provides one), else none.
     */
    private Object registry() {
        Object mp = reference(MetricsSupport.registryType());
        return mp != null ? mp : reference(MetricsSupport.meterRegistryType());
    }

    /**
     * The {@code @Default} bean of an optional API type, looked up by a reflectively loaded class,
     * or {@code null}: servers without MicroProfile Metrics (or JTA) have no such class or bean.
     * Looked up through {@code Instance} rather than {@code BeanManager.getReference}, because
     * SmallRye's {@code MetricRegistry} producer reads its injection point, which only the former
     * provides.
     */
    private Object reference(Optional<Class<?>> type) {
        if (type.isEmpty()) {
            return null;
        }
        Instance<?> found = beans.select(type.get(), Default.Literal.INSTANCE);
        return found.isResolvable() ? found.get() : null;
    }

    /** Backends' own sweeps (the JPA tier's GC) reach the purge metrics through this event. */
    void purged(@Observes ExpiredRecordsPurged purge, CompositeStore store) {
        store.recordPurge(purge);
    }
}
