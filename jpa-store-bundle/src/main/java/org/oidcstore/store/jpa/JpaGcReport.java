package org.oidcstore.store.jpa;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.oidcstore.store.StoreKind;

/**
 * Outcome of one garbage-collection sweep.
 *
 * @param cutoff records expired at this instant (by the store clock) were deleted
 * @param deleted rows deleted per kind; every kind that expires has an entry, zero included
 * @param batches how many delete transactions the sweep ran
 */
public record JpaGcReport(Instant cutoff, Map<StoreKind, Integer> deleted, int batches) {

    public JpaGcReport {
        EnumMap<StoreKind, Integer> copy = new EnumMap<>(StoreKind.class);
        copy.putAll(deleted);
        deleted = Collections.unmodifiableMap(copy);
    }

    /** Rows deleted over all kinds. */
    public int total() {
        return deleted.values().stream().mapToInt(Integer::intValue).sum();
    }
}
