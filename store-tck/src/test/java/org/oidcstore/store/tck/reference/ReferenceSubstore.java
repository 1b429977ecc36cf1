package org.oidcstore.store.tck.reference;

import java.time.Instant;

/** What the reference aggregate asks of each of its stores, without naming their kinds. */
interface ReferenceSubstore {

    /** The records held, live or awaiting reclamation. */
    long held();

    /**
     * Drops the records whose retention ended at {@code now}: what the engine's own reclamation
     * (a TTL, a sweep) does. The durable kinds keep theirs until purged, as the JPA tier does until
     * its GC runs.
     */
    default void reclaim(Instant now) {
    }
}
