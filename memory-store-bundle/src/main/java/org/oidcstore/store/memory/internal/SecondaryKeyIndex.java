package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.oidcstore.store.DuplicateRecordException;

/**
 * A secondary key index beside an {@link ExpiringMap} (the user codes of the device
 * authorizations): the digest of a secondary key maps to a {@link Reservation} (the primary key of
 * the record holding it and the record's expiry). A reservation is taken in the index's atomic
 * section before its record is written, and leaves the index with its record (the records map's
 * removal callback, or the write that replaces an expired record), so the index is bounded by the
 * records plus the saves in flight. A reservation is only trusted once the record it names is found
 * live and holding the same secondary key digest: a stale reservation never reaches another record.
 *
 * @param <V> the records' type
 */
final class SecondaryKeyIndex<V> {

    /** A secondary key's index entry: the primary key holding it, until {@code expiresAt}. */
    record Reservation(String primaryKey, Instant expiresAt) {
        boolean liveAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final ConcurrentHashMap<String, Reservation> entries;
    private final ExpiringMap<V> records;
    private final Function<V, String> secondaryKeyOf;
    private final String heldMessage;

    /**
     * @param entries the index (kept beside the records map, created before it)
     * @param records the records map
     * @param secondaryKeyOf the secondary key digest a stored record carries
     * @param heldMessage the message of the {@link DuplicateRecordException} of a held key
     */
    SecondaryKeyIndex(ConcurrentHashMap<String, Reservation> entries, ExpiringMap<V> records,
            Function<V, String> secondaryKeyOf, String heldMessage) {
        this.entries = entries;
        this.records = records;
        this.secondaryKeyOf = secondaryKeyOf;
        this.heldMessage = heldMessage;
    }

    /** Drops the reservation of a stored record, if it is still that record's. */
    static void unindex(ConcurrentHashMap<String, Reservation> entries, String secondaryKey, String primaryKey,
            Instant expiresAt) {
        entries.remove(secondaryKey, new Reservation(primaryKey, expiresAt));
    }

    /** As {@link #unindex(ConcurrentHashMap, String, String, Instant)}, on this index. */
    void unindex(String secondaryKey, String primaryKey, Instant expiresAt) {
        unindex(entries, secondaryKey, primaryKey, expiresAt);
    }

    /**
     * Reserves the first (newest pepper's) digest of {@code keys} for {@code mine}, refused while a
     * live reservation holds the key under any of the digests (a live record, or a save in flight).
     *
     * @throws DuplicateRecordException when the key is held
     */
    void reserve(List<String> keys, Reservation mine, Instant now) {
        entries.compute(keys.get(0), (k, current) -> {
            if (current != null && current.liveAt(now) || liveUnderOlderPepper(keys, now)) {
                throw new DuplicateRecordException(heldMessage);
            }
            return mine;
        });
    }

    /** Gives back {@code mine} under {@code key}, if it is still there: its record was not written. */
    void release(String key, Reservation mine) {
        entries.remove(key, mine);
    }

    /**
     * Plain reads of the older digests' reservations, each confirmed by the record it names. It runs
     * inside the index's atomic section, so it never writes: the records map's removal callback
     * writes the index, and a write from here could wait on it (locks go records, then index).
     */
    private boolean liveUnderOlderPepper(List<String> keys, Instant now) {
        for (int i = 1; i < keys.size(); i++) {
            Reservation r = entries.get(keys.get(i));
            ExpiringMap.Entry<V> e = r == null || !r.liveAt(now) ? null : records.getAny(r.primaryKey());
            if (e != null && e.liveAt(now) && keys.get(i).equals(secondaryKeyOf.apply(e.value()))) {
                return true;
            }
        }
        return false;
    }

    /** The primary key of the live record holding {@code key}, or null. */
    String resolve(String key, Instant now) {
        Reservation r = entries.get(key);
        if (r == null || !r.liveAt(now)) {
            return null;
        }
        ExpiringMap.Entry<V> e = records.getLive(r.primaryKey(), now);
        return e != null && key.equals(secondaryKeyOf.apply(e.value())) ? r.primaryKey() : null;
    }
}
