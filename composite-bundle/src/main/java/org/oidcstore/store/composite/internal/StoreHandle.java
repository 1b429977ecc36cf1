package org.oidcstore.store.composite.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.UserRegistry;

/** A backend given to the builder as an {@link OidcStore} instance. */
public record StoreHandle(OidcStore store) implements BackendHandle {

    @Override
    public Object store(StoreKind kind) {
        return store.store(kind);
    }

    @Override
    public <T> Optional<T> extension(StoreKind kind, Class<T> type) {
        Optional<?> found;
        if (type == ClientRegistry.class) {
            found = store.clientRegistry();
        } else if (type == StaticClientReconciler.class) {
            found = store.staticClientReconciler();
        } else if (type == UserRegistry.class) {
            found = store.userRegistry();
        } else if (type == InteractionCompareAndSwap.class) {
            found = store.interactionCompareAndSwap();
        } else {
            throw new IllegalArgumentException("not an extension interface: " + type.getName());
        }
        return found.map(type::cast);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return store.inTransaction(work);
    }

    @Override
    public Map<StoreKind, Long> recordCounts() {
        return store.recordCounts();
    }
}
