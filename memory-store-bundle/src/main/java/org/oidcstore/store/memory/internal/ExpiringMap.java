package org.oidcstore.store.memory.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.spi.Expiry;

/**
 * A concurrent map whose entries expire, with a hard capacity and amortised reclamation.
 *
 * <p>Every decision (single use, compare-and-swap, "is it live") runs inside
 * {@link ConcurrentHashMap#compute}, which is atomic per key: no read-then-write.
 *
 * <p><b>Reclamation.</b> Each write enqueues a node (key, expiry second) on a lock-free queue in
 * O(1). Whoever wins a {@code tryLock} (never waits) moves queued nodes into buckets keyed by the
 * expiry second and reclaims the buckets whose second has passed, at most {@code sweepBatch} nodes
 * per call, removing the key's entry only if it has expired (an overwritten or touched entry that
 * is still live stays; it has its own, later node). A node holds the key, never the value: a
 * value that was overwritten, swapped or deleted is garbage at once, not at its old expiry (a
 * touched session or a swapped interaction state would otherwise stay reachable until then).
 * Every node is handled once, so reclamation costs O(1) amortised per write and the map never
 * grows with garbage beyond what one second of expiries and the unswept backlog hold. Reads also
 * drop an expired entry they meet.
 *
 * <p><b>Capacity.</b> {@code size} counts the entries in the map, live or not yet reclaimed. A write
 * that would add an entry to a full map first reclaims everything already expired, including
 * entries that expired earlier in the current second (bounded by the backlog), and is refused
 * with {@link StoreUnavailableException} if the map is still full: live entries are never evicted,
 * because an evicted replay marker reopens a replay window.
 */
final class ExpiringMap<V> {

    /** A stored value with its expiry. Identity matters: the sweeper removes only the entry its node saw. */
    record Entry<V>(V value, Instant expiresAt) {
        boolean liveAt(Instant now) {
            return Expiry.isLive(expiresAt, now);
        }
    }

    /** A key to look at once its expiry second has passed; deliberately without the value. */
    private record Node(String key, long expirySecond) {
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
    private final ConcurrentLinkedQueue<Node> incoming = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sweepLock = new ReentrantLock();
    private final TreeMap<Long, ArrayDeque<Node>> buckets = new TreeMap<>();

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
            return doCompute(key, fn, afterWrite);
        } catch (Full full) {
            reclaim(Integer.MAX_VALUE, true);
            try {
                return doCompute(key, fn, afterWrite);
            } catch (Full stillFull) {
                throw new StoreUnavailableException("OIDCS-1110 the in-memory " + name + " store is full ("
                        + capacity + " entries); the write was refused rather than evicting live entries."
                        + " Raise oidc.store.memory.capacity or move " + name + " to Redis");
            }
        }
    }

    private Entry<V> doCompute(String key, BiFunction<String, Entry<V>, Entry<V>> fn,
            BiConsumer<String, V> afterWrite) {
        Entry<V>[] written = newHolder();
        Entry<V> result = map.compute(key, (k, old) -> {
            Entry<V> next = fn.apply(k, old);
            if (next == old) {
                return old;
            }
            if (old == null && next != null) {
                reserve();
            } else if (old != null && next == null) {
                size.decrementAndGet();
                reclaimed(k, old);
            }
            if (next != null && afterWrite != null) {
                afterWrite.accept(k, next.value());
            }
            written[0] = next;
            return next;
        });
        if (written[0] != null) {
            incoming.add(new Node(key, second(written[0].expiresAt())));
        }
        reclaim(sweepBatch, false);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newHolder() {
        return new Entry[1];
    }

    private void reserve() {
        int s;
        do {
            s = size.get();
            if (s >= capacity) {
                throw new Full();
            }
        } while (!size.compareAndSet(s, s + 1));
    }

    /**
     * Removes {@code key} only if it still maps to {@code expected}. The removal callback runs
     * inside the key's atomic section, so it is ordered with every other write of that key.
     */
    boolean remove(String key, Entry<V> expected) {
        return removeIf(key, current -> current == expected);
    }

    /** Removes {@code key} if its entry, whichever it is now, has expired at {@code now}. */
    private boolean removeIfExpired(String key, Instant now) {
        return removeIf(key, current -> !current.liveAt(now));
    }

    private boolean removeIf(String key, java.util.function.Predicate<Entry<V>> doomed) {
        boolean[] done = new boolean[1];
        map.computeIfPresent(key, (k, current) -> {
            if (!doomed.test(current)) {
                return current;
            }
            size.decrementAndGet();
            reclaimed(k, current);
            done[0] = true;
            return null;
        });
        return done[0];
    }

    private static long second(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), 1000);
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
        if (wait) {
            sweepLock.lock();
        } else if (!sweepLock.tryLock()) {
            return;
        }
        try {
            Instant now = clock.instant();
            long nowSecond = second(now);
            int work = 0;
            for (Node n; work < budget && (n = incoming.poll()) != null; work++) {
                buckets.computeIfAbsent(n.expirySecond(), s -> new ArrayDeque<>()).add(n);
            }
            work = 0;
            // waiting (a full map): the current second's bucket too, entry by entry against now
            while (work < budget && !buckets.isEmpty()
                    && (buckets.firstKey() < nowSecond || wait && buckets.firstKey() == nowSecond)) {
                Map.Entry<Long, ArrayDeque<Node>> first = buckets.firstEntry();
                ArrayDeque<Node> due = first.getValue();
                boolean current = first.getKey() == nowSecond;
                ArrayDeque<Node> notYet = new ArrayDeque<>();
                while (work < budget && !due.isEmpty()) {
                    Node n = due.poll();
                    if (!removeIfExpired(n.key(), now) && current && map.containsKey(n.key())) {
                        notYet.add(n); // live until later in this second: look again then
                    }
                    work++;
                }
                due.addAll(notYet);
                if (due.isEmpty()) {
                    buckets.remove(first.getKey());
                }
                if (current) {
                    break; // every later bucket lies in the future
                }
            }
        } finally {
            sweepLock.unlock();
        }
    }

    /** Entries in the map, live or awaiting reclamation. */
    int size() {
        return size.get();
    }

    Set<Map.Entry<String, Entry<V>>> entries() {
        return map.entrySet();
    }
}
