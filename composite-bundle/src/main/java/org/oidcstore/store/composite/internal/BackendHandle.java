package org.oidcstore.store.composite.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.oidcstore.store.StoreKind;

/**
 * How the composite reaches one backend: an {@code OidcStore} instance (builder) or the backend's
 * CDI beans (resolved on first use, never at deployment).
 */
public interface BackendHandle {

    /** The substore of {@code kind}, as {@code kind.storeType()}. */
    Object store(StoreKind kind);

    /**
     * The extension interface {@code type} ({@code ClientRegistry}, {@code StaticClientReconciler},
     * {@code UserRegistry}, {@code InteractionCompareAndSwap}) of the substore of {@code kind}.
     */
    <T> Optional<T> extension(StoreKind kind, Class<T> type);

    /** Runs {@code work} in one transaction of this backend. */
    <T> T inTransaction(Supplier<T> work);

    /** The backend's {@code OidcStore.recordCounts()}; empty when it does not count. */
    Map<StoreKind, Long> recordCounts();
}
