package org.oidcstore.store.composite.internal;

import jakarta.enterprise.inject.Instance;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;

/**
 * A backend reached through its qualified CDI beans ({@code @Durable} or {@code @Volatile}). Lookups
 * happen on the composite's first use of a kind; for the usual {@code @ApplicationScoped} backend
 * beans they return client proxies, so even then the backend is created only by its first call.
 */
final class CdiBackendHandle implements BackendHandle {
    private final Instance<Object> beans;
    private final Annotation qualifier;
    private final String name;

    CdiBackendHandle(Instance<Object> beans, Annotation qualifier, String name) {
        this.beans = beans;
        this.qualifier = qualifier;
        this.name = name;
    }

    @Override
    public Object store(StoreKind kind) {
        return beans.select(kind.storeType(), qualifier).get();
    }

    /**
     * The backend's bean of the extension type when it has one (the convention), else what its
     * {@code OidcStore} aggregate offers.
     */
    @Override
    public <T> Optional<T> extension(StoreKind kind, Class<T> type) {
        Instance<T> typed = beans.select(type, qualifier);
        if (typed.isResolvable()) {
            return Optional.of(typed.get());
        }
        Instance<OidcStore> aggregate = beans.select(OidcStore.class, qualifier);
        return aggregate.isResolvable() ? new StoreHandle(aggregate.get()).extension(kind, type) : Optional.empty();
    }

    @Override
    public Map<StoreKind, Long> recordCounts() {
        Instance<OidcStore> aggregate = beans.select(OidcStore.class, qualifier);
        return aggregate.isResolvable() ? aggregate.get().recordCounts() : Map.of();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Instance<OidcStore> aggregate = beans.select(OidcStore.class, qualifier);
        if (!aggregate.isResolvable()) {
            throw new StoreConfigurationException("OIDCS-2101 backend '" + name + "' offers no @"
                    + qualifier.annotationType().getSimpleName() + " OidcStore bean, so inTransaction cannot run"
                    + " on it. Fix: use @Transactional (JTA) around the cluster writes, or deploy a backend bundle"
                    + " that produces its aggregate.");
        }
        return aggregate.get().inTransaction(work);
    }
}
