package org.oidcstore.store.composite.internal;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;

/**
 * A backend reached through its qualified CDI beans ({@code @Durable} or {@code @Volatile}). Lookups
 * happen on the composite's first use of a kind; for the usual {@code @ApplicationScoped} backend
 * beans they return client proxies, so even then the backend is created only by its first call.
 *
 * <p>References come from the very {@code Bean}s the routing extension saw (and validated) during
 * discovery, through {@code BeanManager.getReference}; only a type the extension did not see is
 * looked up by type and qualifier. A lookup by type from the composite's beans fails on servers
 * whose bean-archive visibility hides other {@code WEB-INF/lib} jars from the beans an extension adds
 * (Payara).
 */
final class CdiBackendHandle implements BackendHandle {
    private final BeanManager beanManager;
    private final Function<Class<?>, Optional<Bean<?>>> discovered;
    private final Instance<Object> beans;
    private final Annotation qualifier;
    private final String name;

    CdiBackendHandle(BeanManager beanManager, Function<Class<?>, Optional<Bean<?>>> discovered,
            Instance<Object> beans, Annotation qualifier, String name) {
        this.beanManager = beanManager;
        this.discovered = discovered;
        this.beans = beans;
        this.qualifier = qualifier;
        this.name = name;
    }

    /** The backend's bean of {@code type}, when it has one. */
    private <T> Optional<T> bean(Class<T> type) {
        Optional<Bean<?>> bean = discovered.apply(type);
        if (bean.isPresent()) {
            Bean<?> b = bean.get();
            return Optional.of(type.cast(beanManager.getReference(b, type, beanManager.createCreationalContext(b))));
        }
        Instance<T> typed = beans.select(type, qualifier);
        return typed.isResolvable() ? Optional.of(typed.get()) : Optional.empty();
    }

    @Override
    public Object store(StoreKind kind) {
        return bean(kind.storeType()).orElseThrow(() -> new StoreConfigurationException("OIDCS-1002 backend '" + name
                + "' offers no @" + qualifier.annotationType().getSimpleName() + " " + kind.storeType().getSimpleName()
                + " bean"));
    }

    /**
     * The backend's bean of the extension type when it has one (the convention), else what its
     * {@code OidcStore} aggregate offers.
     */
    @Override
    public <T> Optional<T> extension(StoreKind kind, Class<T> type) {
        Optional<T> typed = bean(type);
        if (typed.isPresent()) {
            return typed;
        }
        return bean(OidcStore.class).flatMap(a -> new StoreHandle(a).extension(kind, type));
    }

    @Override
    public Map<StoreKind, Long> recordCounts() {
        return bean(OidcStore.class).map(OidcStore::recordCounts).orElse(Map.of());
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Optional<OidcStore> aggregate = bean(OidcStore.class);
        if (aggregate.isEmpty()) {
            throw new StoreConfigurationException("OIDCS-2101 backend '" + name + "' offers no @"
                    + qualifier.annotationType().getSimpleName() + " OidcStore bean, so inTransaction cannot run"
                    + " on it. Fix: use @Transactional (JTA) around the cluster writes, or deploy a backend bundle"
                    + " that produces its aggregate.");
        }
        return aggregate.get().inTransaction(work);
    }
}
