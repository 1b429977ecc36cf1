package org.oidcstore.store.memory.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.memory.internal.ReclamationSchedule.Node;
import org.oidcstore.store.memory.internal.ReclamationSchedule.Outcome;
import org.oidcstore.store.spi.Expiry;

/**
 * A concurrent map whose entries expire, with a hard capacity and amortised reclamation.
 *
 * <p>Every decision (single use, compare-and-swap, "is it live") runs inside
 * {@link ConcurrentHashMap#compute}, which is atomic per key: no read-then-write.
 *
 * <p><b>Reclamation.</b> Each key has exactly one reclamation node ({@link ReclamationSchedule}),
 * created with its first entry and handed on to every entry that replaces it; it holds the key,
 * never the value, so a value that was overwritten, swapped or deleted is garbage at once. What is
 * held beside the map is therefore proportional to the keys it holds, hence to its capacity,
 * whatever the write pattern: a session touched on every request or an interaction swapped a
 * million times keeps one node, not one per write until its old expiry. After every write, whoever
 * wins a {@code tryLock} (never waits) files queued nodes by expiry second and reclaims the keys
 * of seconds that have passed, at most {@code sweepBatch} nodes of each per call, removing an entry
 * only if it has expired (a key whose expiry was lengthened moves to its new second instead). An
 * entry whose expiry was shortened has its node brought forward, so it is reclaimed after its new
 * expiry, never its old one. Each node is handled at most once per write of its key, so
 * reclamation costs O(1) amortised per write and the map never grows with garbage beyond what one
 * second of expiries and the unswept backlog hold. Reads also drop an expired entry they meet.
 *
 * <p><b>Capacity.</b> {@code size} counts the entries in the map, live or not yet reclaimed. A write
 * that would add an entry when the entries, plus the nodes of removed entries the sweeper has not
 * yet dropped, reach the capacity first reclaims everything already expired, including entries
 * that expired earlier in the current second (bounded by the backlog), and drops those nodes; it is
 * refused with {@link StoreUnavailableException} if the entries still fill the map: live entries
 * are never evicted, because an evicted replay marker reopens a replay window.
 */
final class ExpiringMap<V> {

    /**
     * A stored value with its expiry and its key's reclamation node. Substores build entries
     * without a node; the map attaches the key's node when it stores one. Identity matters:
     * {@link #remove} removes only the entry its caller saw.
     */
    record Entry<V>(V value, Instant expiresAt, Node node) {
        Entry(V value, Instant expiresAt) {
            this(value, expiresAt, null);
        }

        boolean liveAt(Instant now) {
            return Expiry.isLive(expiresAt, now);
        }

        private Entry<V> with(Node n) {
            return new Entry<>(value, expiresAt, n);
        }
    }

    /** Thrown inside a remapping function to refuse an insert into a full map; the mapping is unchanged. */
    private static final class Full extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Full() {
            super(null, null, false, false);
        }
    }

    private final String name;
    private final Clock clock;
    private final int capacity;
    private final int sweepBatch;
    /** Called inside the key's atomic section whenever an entry leaves the map (delete, expiry). */
    private final BiConsumer<String, V> onReclaim;
    private final ConcurrentHashMap<String, Entry<V>> map = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final ReclamationSchedule schedule = new ReclamationSchedule(this::reclaimIfExpired);

    ExpiringMap(String name, Clock clock, int capacity, int sweepBatch, BiConsumer<String, V> onReclaim) {
        this.name = name;
        this.clock = clock;
        this.capacity = capacity;
        this.sweepBatch = sweepBatch;
        this.onReclaim = onReclaim;
    }

    Instant now() {
        return clock.instant();
    }

    /** The live entry of {@code key}, or {@code null}. */
    Entry<V> getLive(String key, Instant now) {
        Entry<V> e = map.get(key);
        if (e == null) {
            return null;
        }
        if (e.liveAt(now)) {
            return e;
        }
        remove(key, e);
        return null;
    }

    /** The entry of {@code key} whatever its expiry, or {@code null}. */
    Entry<V> getAny(String key) {
        return map.get(key);
    }

    /**
     * Atomically recomputes the entry of {@code key}. The function sees the current entry (or
     * {@code null}) and returns the new one, the same one (no change) or {@code null} (remove). It
     * may throw to abort: the mapping is then unchanged and the exception propagates.
     *
     * @throws StoreUnavailableException when the function adds an entry to a full map
     */
    Entry<V> compute(String key, BiFunction<String, Entry<V>, Entry<V>> fn) {
        return compute(key, fn, null);
    }

    /**
     * As {@link #compute(String, BiFunction)}; {@code afterWrite}, when given, runs inside the
     * key's atomic section once a new entry is certain to be stored (capacity reserved), so state
     * kept beside the map (the chooser-group index) changes only for a write that happens.
     */
    Entry<V> compute(String key, BiFunction<String, Entry<V>, Entry<V>> fn, BiConsumer<String, V> afterWrite) {
        try {
            return doCompute(key, fn, afterWrite, true);
        } catch (Full full) {
            reclaim(Integer.MAX_VALUE, true);
            try {
                return doCompute(key, fn, afterWrite, false);
            } catch (Full stillFull) {
                throw new StoreUnavailableException(MemoryMessages.SUBSTORE_FULL + " the in-memory " + name
                        + " store is full ("
                        + capacity + " entries); the write was refused rather than evicting live entries."
                        + " Raise oidc.store.memory.capacity or move " + name + " to Redis");
            }
        }
    }

    /**
     * One attempt. {@code countDead}: the first attempt also counts the nodes of removed entries
     * not yet dropped, so that those stay within the capacity too; the attempt after a full
     * reclamation (which drops them) counts entries only, so a write is never refused while the
     * entries leave room.
     */
    private Entry<V> doCompute(String key, BiFunction<String, Entry<V>, Entry<V>> fn,
            BiConsumer<String, V> afterWrite, boolean countDead) {
        Node[] created = new Node[1];
        Entry<V> result = map.compute(key, (k, old) -> {
            Entry<V> next = fn.apply(k, old);
            if (next == old) {
                return old;
            }
            if (next == null) {
                removeInside(k, old, false);
                return null;
            }
            if (next.node() != null) {
                throw new IllegalStateException("an entry taken from the map was stored again");
            }
            if (old == null) {
                reserve(countDead);
            }
            if (afterWrite != null) {
                afterWrite.accept(k, next.value());
            }
            // the node last, so that nothing after it can abort a write whose node is scheduled
            if (old == null) {
                created[0] = schedule.newNode(k, next.expiresAt());
                return next.with(created[0]);
            }
            schedule.rescheduled(old.node(), next.expiresAt());
            return next.with(old.node());
        });
        if (created[0] != null) {
            schedule.enqueueNew(created[0]);
        }
        reclaim(sweepBatch, false);
        return result;
    }

    private void reserve(boolean countDead) {
        int s;
        do {
            s = size.get();
            if (s >= capacity || countDead && s + schedule.deadNodes() >= capacity) {
                throw new Full();
            }
        } while (!size.compareAndSet(s, s + 1));
    }

    /**
     * Removes {@code key} only if it still maps to {@code expected}. The removal callback runs
     * inside the key's atomic section, so it is ordered with every other write of that key.
     */
    boolean remove(String key, Entry<V> expected) {
        boolean[] done = new boolean[1];
        map.computeIfPresent(key, (k, current) -> {
            if (current != expected) {
                return current;
            }
            removeInside(k, current, false);
            done[0] = true;
            return null;
        });
        return done[0];
    }

    /** The sweeper's question for a due node: removes its key's entry if that entry has expired. */
    private Outcome reclaimIfExpired(Node node, Instant now) {
        Outcome[] outcome = {Outcome.GONE};
        map.computeIfPresent(node.key, (k, current) -> {
            if (current.node() != node) {
                return current; // the key was removed and written again: not this node's entry
            }
            if (current.liveAt(now)) {
                outcome[0] = Outcome.LIVE;
                return current;
            }
            removeInside(k, current, true);
            outcome[0] = Outcome.RECLAIMED;
            return null;
        });
        return outcome[0];
    }

    /** Bookkeeping of a removal, inside the key's atomic section. */
    private void removeInside(String key, Entry<V> current, boolean bySweeper) {
        size.decrementAndGet();
        reclaimed(key, current);
        schedule.removed(current.node(), bySweeper);
    }

    private void reclaimed(String key, Entry<V> entry) {
        if (onReclaim != null) {
            onReclaim.accept(key, entry.value());
        }
    }

    /**
     * Reclaims expired entries, at most {@code budget} nodes. Without {@code wait} it only runs if
     * no other thread is sweeping (writers never queue behind the sweeper).
     */
    void reclaim(int budget, boolean wait) {
        schedule.sweep(budget, wait, clock.instant());
    }

    /** Reclamation nodes held beside the map, counted by walking them (tests). */
    int pendingNodes() {
        return schedule.pendingNodes();
    }

    /** Entries in the map, live or awaiting reclamation. */
    int size() {
        return size.get();
    }

    Set<Map.Entry<String, Entry<V>>> entries() {
        return map.entrySet();
    }
}
