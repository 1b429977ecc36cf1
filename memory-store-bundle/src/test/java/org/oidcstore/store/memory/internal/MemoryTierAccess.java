package org.oidcstore.store.memory.internal;

import org.oidcstore.store.OidcStore;
import org.oidcstore.store.spi.SecretDigest;

/**
 * What the TCK fixtures (this module's and the composite's) need of the memory tier beyond its
 * API: a reclamation sweep now, and a second store over the same maps with another digest
 * (another "node" configured with another pepper list). Both are package-private doors of
 * {@link MemoryAggregate}, opened here in test sources so that the tier's exported API offers
 * neither.
 */
public final class MemoryTierAccess {
    private MemoryTierAccess() {
    }

    /** Reclaims every expired entry of every map of {@code store}, judged by its clock. */
    public static void sweep(MemoryAggregate store) {
        store.reclaimExpired();
    }

    /** A store over the maps of {@code store} whose bearer-secret digests use {@code digest}. */
    public static OidcStore reopen(MemoryAggregate store, SecretDigest digest) {
        return store.sharingMapsWith(digest);
    }
}
