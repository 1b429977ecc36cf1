package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The keys of one kind's map whose records name a subject, by subject: what an erasure
 * ({@code eraseSubject}) walks instead of the whole map. Kept beside the map by the kinds whose
 * records can name a subject (interactions, device authorizations once approved, CIBA requests).
 *
 * <p><b>Ordering.</b> Every change happens inside the record key's atomic section: the store
 * {@linkplain #moved unindexes} the subject a replacement drops in its remapping function and
 * {@linkplain #add indexes} the stored record's subject in the map's {@code afterWrite} (only once the
 * write is certain), and the map's removal callback {@linkplain #remove unindexes} a record that
 * leaves (delete, expiry). Locks are always taken record key first, then this index, never the
 * other way. {@link #erase} takes a snapshot of the subject's keys and removes each in its own
 * atomic section only if the record there still names the subject, so a stale key never removes
 * another subject's record, and a record saved for the subject concurrently is either in the
 * snapshot (and erased) or saved whole after it. The index holds one entry per indexed record, so
 * it is bounded by the map's capacity.
 */
final class SubjectIndex {
    private final ConcurrentHashMap<String, Set<String>> bySubject = new ConcurrentHashMap<>();

    /** Indexes {@code key} under {@code subject}; nothing when the record names no subject. */
    void add(String subject, String key) {
        if (subject != null) {
            bySubject.compute(subject, (s, keys) -> {
                Set<String> k = keys == null ? ConcurrentHashMap.newKeySet() : keys;
                k.add(key);
                return k;
            });
        }
    }

    /** Unindexes {@code key} from {@code subject} (the map's removal callback). */
    void remove(String subject, String key) {
        if (subject != null) {
            bySubject.computeIfPresent(subject, (s, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            });
        }
    }

    /** A replacement of {@code key}: drops the old record's subject when the new one names another. */
    void moved(String key, String oldSubject, String newSubject) {
        if (oldSubject != null && !oldSubject.equals(newSubject)) {
            remove(oldSubject, key);
        }
    }

    /**
     * Removes every record of {@code map} indexed under {@code subject} that still names it
     * ({@code subjectOf}), each in its own atomic section.
     *
     * @return how many of them were live (an expired record is removed too, but was already absent);
     *     0 for a subject no record could name ({@code spi.Arguments#isStorableId})
     */
    <V> int erase(String subject, ExpiringMap<V> map, Function<V, String> subjectOf) {
        Objects.requireNonNull(subject, "subject");
        Set<String> keys = org.oidcstore.store.spi.Arguments.isStorableId(subject) ? bySubject.get(subject) : null;
        if (keys == null) {
            return 0;
        }
        Instant now = map.now();
        int removed = 0;
        for (String key : List.copyOf(keys)) {
            boolean[] live = new boolean[1];
            map.compute(key, (k, old) -> {
                if (old == null || !subject.equals(subjectOf.apply(old.value()))) {
                    return old;
                }
                live[0] = old.liveAt(now);
                return null;
            });
            removed += live[0] ? 1 : 0;
        }
        return removed;
    }

    /** The keys indexed under {@code subject} (tests). */
    Set<String> keysOf(String subject) {
        return Set.copyOf(bySubject.getOrDefault(Objects.requireNonNull(subject), Set.of()));
    }

    /** The whole index, subject to keys (the aggregate's dump). */
    Map<String, Set<String>> view() {
        return java.util.Collections.unmodifiableMap(bySubject);
    }
}
