package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.HostedKinds;
import org.oidcstore.store.spi.SecretDigest;

/**
 * The reference backend's aggregate: the stores of one {@link ReferenceKinds} table over one
 * {@link ReferenceData}. Nothing here names a kind; the table does.
 */
final class ReferenceStore implements OidcStore {
    private final ReferenceParts parts;
    private final HostedKinds<ReferenceParts> table;
    private final boolean transactional;
    private final HostedKinds.Stores stores;

    ReferenceStore(ReferenceParts parts, HostedKinds<ReferenceParts> table, boolean transactional) {
        this.parts = parts;
        this.table = table;
        this.transactional = transactional;
        this.stores = table.create(backend(), parts);
    }

    /** A second store over the same data whose bearer-secret digests use {@code digest} (another pepper list). */
    ReferenceStore reopen(SecretDigest digest) {
        return new ReferenceStore(parts.withDigest(digest), table, transactional);
    }

    /** What the engine's reclamation would do now: every store drops what its retention no longer keeps. */
    void sweep() {
        parts.data().run(() -> {
            Instant now = parts.now();
            stores.all().forEach(s -> ((ReferenceSubstore) s).reclaim(now));
        });
    }

    @Override
    public String backend() {
        return "reference";
    }

    @Override
    public Set<StoreKind> kinds() {
        return stores.kinds();
    }

    @Override
    public boolean transactional() {
        return transactional;
    }

    @Override
    public Object store(StoreKind kind) {
        return stores.store(kind);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactional ? parts.data().inTransaction(work) : OidcStore.super.inTransaction(work);
    }

    @Override
    public Map<StoreKind, Long> recordCounts() {
        Map<StoreKind, Long> counts = new EnumMap<>(StoreKind.class);
        parts.data().run(() -> kinds().forEach(k -> counts.put(k, ((ReferenceSubstore) store(k)).held())));
        return counts;
    }
}
