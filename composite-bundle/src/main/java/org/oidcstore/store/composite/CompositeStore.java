package org.oidcstore.store.composite;

import java.util.Map;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.ExpiredRecordsPurged;

/**
 * The composite store: one {@link OidcStore} whose every kind is served by exactly one backend,
 * chosen by the routing (see the module's README). {@link #backend()} is {@code composite},
 * {@link #kinds()} are all routed kinds, {@link #transactional()} and {@link #inTransaction} are the
 * cluster anchor's, and the extension accessors ({@link #clientRegistry()}, ...) are those of the
 * backend hosting the kind: the composite itself never implements {@code ClientRegistry}, so a
 * read-only Clients backend is never mistaken for a writable one.
 *
 * <p>In CDI the composite is the {@code @Default OidcStore} (and {@code @Default CompositeStore});
 * in Java SE and OSGi build one with {@link CompositeStores#builder()}.
 */
public interface CompositeStore extends OidcStore {

    /** The effective session durability posture (the tier SESSIONS is routed to). */
    SessionDurability sessionDurability();

    /** The routing table: every kind with its tier, backend and the reason for the tier. */
    Map<StoreKind, Route> routingTable();

    /** Counts a backend's own sweep of expired records in the metrics (no-op without metrics). */
    void recordPurge(ExpiredRecordsPurged purge);
}
