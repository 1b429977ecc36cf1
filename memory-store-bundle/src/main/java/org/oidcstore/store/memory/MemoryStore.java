package org.oidcstore.store.memory;

import java.util.Map;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;

/**
 * The in-process volatile tier's aggregate: an {@link OidcStore} hosting SESSIONS, INTERACTIONS
 * (with compare-and-swap), CONSUMED_JWT_IDS and PUSHED_AUTHORIZATION_REQUESTS in maps of this
 * process. It is not transactional and keeps nothing across restarts. Obtained from
 * {@link MemoryStores}.
 */
public interface MemoryStore extends OidcStore, AutoCloseable {

    /** Entries held per hosted kind, live or awaiting reclamation (for gauges and tests). */
    Map<StoreKind, Integer> sizes();

    /**
     * Nothing to release: the maps go with the store. Present so that every backend's store is
     * used alike ({@code try (XStore s = XStores.open(..))}). Idempotent.
     */
    @Override
    default void close() {
    }
}
