package org.oidcstore.store.memory.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When to look at each key of an {@link ExpiringMap} again: <b>one node per key</b>, whatever the
 * write pattern, so that what is held beside the map is proportional to the keys it holds.
 *
 * <p>A node lives as long as its key's entries: a write that replaces an entry hands the same node
 * on, and records in it the second of the new expiry (its due second). The sweeper keeps the node
 * in the bucket of some second, a doubly linked list so that moving or dropping it costs O(1).
 * The invariant: <i>a live key's node is waiting in {@code incoming}, or is filed at a second no
 * later than its entry's expiry second.</i> So the sweeper never misses an expiry, and:
 * <ul>
 * <li>a write that <b>lengthens</b> the expiry (a touch, a swap, a later save) changes nothing but
 * the node's due second: the node is found when its old second passes, the entry is still live,
 * and the node is filed again at the then current due second. Such a move happens only if the
 * expiry was lengthened since the node was filed, so it costs at most one step per write, however
 * often the key is written;</li>
 * <li>a write that <b>shortens</b> it must bring the node forward. Writers never take the sweep
 * lock, so the writer hands the node to the sweeper through {@code incoming}; the {@code QUEUED}
 * bit keeps it there at most once, and the sweeper unlinks it from its old bucket before filing
 * it at its new second. Leaving the node behind and queueing a second one would hold one node per
 * shortening (a key shortened and lengthened in turn would pile them up);</li>
 * <li>removing an entry (delete, a read or a write meeting it expired) marks the node {@code DEAD}
 * and queues it, so the sweeper unlinks it long before its old second; a key deleted and
 * recreated gets a new node, and the dead one is counted ({@link #deadNodes()}) against the map's
 * capacity until the sweeper has dropped it.</li>
 * </ul>
 *
 * <p>Why nothing is lost between a writer and the sweeper: the due second and the two bits share
 * one atomic word. A writer changes the second and sets {@code QUEUED} in one compare-and-set; the
 * sweeper clears {@code QUEUED} and reads the second in one atomic step. So either the sweeper
 * files the node at the new second, or the writer finds the bit clear and queues the node again.
 *
 * <p>Nodes hold the key, never the value: a replaced value is garbage at once.
 */
final class ReclamationSchedule {

    /** What the map found when the sweeper asked it to reclaim a due node's key. */
    enum Outcome {
        /** The entry is still live: file the node at its current due second. */
        LIVE,
        /** The entry expired and was removed; the node is dropped. */
        RECLAIMED,
        /** The entry this node belonged to was removed by someone else; the node is dead and queued. */
        GONE
    }

    /** The map side of a sweep: decides, inside the key's atomic section, whether the entry goes. */
    interface Reclaimer {
        Outcome reclaimIfExpired(Node node, Instant now);
    }

    /** The one reclamation node of a key: 32 bytes on a 64-bit JVM with compressed references. */
    static final class Node {
        private static final VarHandle WORD;
        private static final long QUEUED = 1;
        private static final long DEAD = 2;

        static {
            try {
                WORD = MethodHandles.lookup().findVarHandle(Node.class, "word", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final String key;
        /**
         * The second the key's current entry expires in, shifted left by two, with {@code QUEUED}
         * and {@code DEAD} in the two low bits. The second changes only inside the key's atomic
         * section; the sweeper clears {@code QUEUED}.
         */
        private volatile long word;
        /** The bucket list; owned by the sweeper. A bucket's sentinel has {@code key == null}. */
        private Node prev;
        private Node next;

        private Node(String key, long second, long flags) {
            this.key = key;
            this.word = second << 2 | flags;
        }

        private static long second(long word) {
            return word >> 2;
        }

        /** A bucket's sentinel: an empty circular list. */
        private static Node sentinel(long second) {
            Node s = new Node(null, second, 0);
            s.prev = s;
            s.next = s;
            return s;
        }
    }

    private final ConcurrentLinkedQueue<Node> incoming = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sweepLock = new ReentrantLock();
    /** Second, then the sentinel of that second's bucket; owned by the sweeper. */
    private final TreeMap<Long, Node> buckets = new TreeMap<>();
    private final AtomicInteger dead = new AtomicInteger();
    private final Reclaimer reclaimer;

    ReclamationSchedule(Reclaimer reclaimer) {
        this.reclaimer = reclaimer;
    }

    /** The second {@code t} lies in; a missing expiry is never due. Fits a node's word. */
    static long second(Instant t) {
        return t == null ? Long.MAX_VALUE >> 2 : t.getEpochSecond();
    }

    /**
     * The node of a new key, already marked queued; the caller, inside the key's atomic section,
     * stores it in the entry and {@link #enqueueNew hands it over} once the write has happened.
     */
    Node newNode(String key, Instant expiresAt) {
        return new Node(key, second(expiresAt), Node.QUEUED);
    }

    void enqueueNew(Node node) {
        incoming.add(node);
    }

    /** The key's entry was replaced by one expiring at {@code expiresAt}; inside the key's atomic section. */
    void rescheduled(Node node, Instant expiresAt) {
        long s = second(expiresAt);
        long w;
        long shortened;
        do {
            w = node.word;
            long old = Node.second(w);
            if (s == old) {
                return;
            }
            shortened = s < old ? Node.QUEUED : 0; // the sweeper must bring the node forward
        } while (!Node.WORD.compareAndSet(node, w, s << 2 | w & (Node.QUEUED | Node.DEAD) | shortened));
        if (shortened != 0 && (w & Node.QUEUED) == 0) {
            incoming.add(node);
        }
    }

    /**
     * The key's entry was removed; inside the key's atomic section. Outside a sweep the node is
     * queued so the sweeper unlinks it. The sweeper, which has already unlinked the node it
     * reclaims, drops it at once unless a writer queued it meanwhile.
     */
    void removed(Node node, boolean bySweeper) {
        long queue = bySweeper ? 0 : Node.QUEUED;
        long w = (long) Node.WORD.getAndBitwiseOr(node, Node.DEAD | queue);
        boolean wasQueued = (w & Node.QUEUED) != 0;
        if (wasQueued || !bySweeper) {
            dead.incrementAndGet(); // dropped when drained from incoming
        }
        if (!wasQueued && !bySweeper) {
            incoming.add(node);
        }
    }

    /** Nodes of removed entries not yet dropped by the sweeper. */
    int deadNodes() {
        return dead.get();
    }

    /**
     * Handles at most {@code budget} queued nodes and {@code budget} due nodes. Without
     * {@code wait} it only runs if no other thread is sweeping (writers never queue behind the
     * sweeper) and only looks at seconds that have passed; with it (a full map) it also looks at
     * the current second, entry by entry against {@code now}.
     */
    void sweep(int budget, boolean wait, Instant now) {
        if (wait) {
            sweepLock.lock();
        } else if (!sweepLock.tryLock()) {
            return;
        }
        try {
            drain(budget);
            reclaimDue(budget, wait, now);
        } finally {
            sweepLock.unlock();
        }
    }

    private void drain(int budget) {
        Node n;
        for (int work = 0; work < budget && (n = incoming.poll()) != null; work++) {
            long w = (long) Node.WORD.getAndBitwiseAnd(n, ~Node.QUEUED); // the second as of leaving the queue
            unlink(n);
            if ((w & Node.DEAD) != 0) {
                dead.decrementAndGet(); // never queued again: no write reaches a removed entry
            } else {
                file(n, Node.second(w));
            }
        }
    }

    private void reclaimDue(int budget, boolean wait, Instant now) {
        long nowSecond = now.getEpochSecond();
        List<Node> later = new ArrayList<>();
        for (int work = 0; work < budget; work++) {
            Map.Entry<Long, Node> first = buckets.firstEntry();
            if (first == null || first.getKey() > nowSecond || first.getKey() == nowSecond && !wait) {
                break;
            }
            Node n = first.getValue().next;
            unlink(n);
            if (reclaimer.reclaimIfExpired(n, now) == Outcome.LIVE) {
                long due = Node.second(n.word);
                if (due <= nowSecond) {
                    later.add(n); // live until later in this second: file it after this pass
                } else {
                    file(n, due);
                }
            }
        }
        for (Node n : later) {
            file(n, Node.second(n.word));
        }
    }

    private void file(Node n, long second) {
        Node sentinel = buckets.computeIfAbsent(second, Node::sentinel);
        n.prev = sentinel.prev;
        n.next = sentinel;
        sentinel.prev.next = n;
        sentinel.prev = n;
    }

    /** Takes {@code n} out of its bucket, if it is in one, and drops the bucket once empty. */
    private void unlink(Node n) {
        if (n.prev == null) {
            return;
        }
        Node p = n.prev;
        Node q = n.next;
        p.next = q;
        q.prev = p;
        n.prev = null;
        n.next = null;
        if (p == q && p.key == null) {
            buckets.remove(Node.second(p.word));
        }
    }

    /** Distinct nodes held in {@code incoming} and in the buckets; walks everything (tests). */
    int pendingNodes() {
        sweepLock.lock();
        try {
            Set<Node> all = Collections.newSetFromMap(new IdentityHashMap<>());
            all.addAll(incoming);
            for (Node sentinel : buckets.values()) {
                for (Node n = sentinel.next; n != sentinel; n = n.next) {
                    all.add(n);
                }
            }
            return all.size();
        } finally {
            sweepLock.unlock();
        }
    }
}
