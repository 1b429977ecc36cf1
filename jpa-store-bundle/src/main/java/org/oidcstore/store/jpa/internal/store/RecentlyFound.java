package org.oidcstore.store.jpa.internal.store;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows of single-use tokens (codes, refresh tokens) that a lookup of this store just found live
 * and unredeemed, by digest: what lets the redemption that usually follows (a provider looks the
 * code or refresh token up, checks the request against it, then consumes it) skip reading its row
 * back after winning, on an engine without {@code UPDATE … RETURNING} (MariaDB, H2).
 *
 * <p>This decides nothing. A consume that takes a row from here runs its conditional
 * {@code UPDATE} on that very row: by the one digest and the {@code created_at} the lookup read,
 * besides the usual conditions (unredeemed, unrevoked, unexpired). A row count of 1 means that
 * row, with every column the lookup read (a stored token's other columns never change; a revoked
 * or redeemed one no longer matches), has just been redeemed by this call: the row it returns is
 * the one read, redeemed now. A count of 0 (someone else redeemed it, it was revoked, expired,
 * erased, or replaced) sends the consume down its usual path, which decides as it always did.
 *
 * <p>Shared by the threads of the store and bounded: entries are taken once, and are no use after
 * {@link #MAX_AGE_NANOS}; when {@link #MAX_ENTRIES} are held (lookups never followed by a
 * consume), all are dropped. Nothing in it is a secret: rows hold digests, never token values.
 */
final class RecentlyFound<R> {
    static final int MAX_ENTRIES = 1024;
    /** A redemption follows its lookup within the request; a minute covers a slow one. */
    static final long MAX_AGE_NANOS = 60_000_000_000L;

    private record Entry<R>(R row, long at) {
    }

    private final ConcurrentHashMap<String, Entry<R>> rows = new ConcurrentHashMap<>();

    void remember(String digest, R row) {
        if (rows.size() >= MAX_ENTRIES) {
            rows.clear();
        }
        rows.put(digest, new Entry<>(row, System.nanoTime()));
    }

    /** The row found under one of {@code digests}, removed; {@code null} when none (or too old). */
    R take(List<String> digests) {
        for (String digest : digests) {
            Entry<R> e = rows.remove(digest);
            if (e != null && System.nanoTime() - e.at() < MAX_AGE_NANOS) {
                return e.row();
            }
        }
        return null;
    }
}
