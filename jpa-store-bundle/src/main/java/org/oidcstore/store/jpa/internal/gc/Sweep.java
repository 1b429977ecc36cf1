package org.oidcstore.store.jpa.internal.gc;

import java.time.Duration;
import org.oidcstore.store.StoreKind;

/**
 * One sweepable table, declared by the store class that owns it: its kind ({@code null} for
 * bookkeeping rows, not counted), key column, the condition that makes a row garbage, and the
 * re-check of the delete. In both conditions {@code ?1} is the cutoff moved back by
 * {@link #grace} (rows a store keeps a while past their expiry), {@code ?2} that instant moved
 * back by the JWT-ID clock-skew allowance as well.
 */
public record Sweep(StoreKind kind, String table, String key, String expired, String recheck, Duration grace) {

    /** A sweep whose re-check is its condition and which keeps no row past the cutoff. */
    public Sweep(StoreKind kind, String table, String key, String expired) {
        this(kind, table, key, expired, expired, Duration.ZERO);
    }

    /** Rows whose {@code expires_at} is at or before the cutoff. */
    public static Sweep expiresAt(StoreKind kind, String table, String key) {
        return new Sweep(kind, table, key, "expires_at <= ?1");
    }
}
