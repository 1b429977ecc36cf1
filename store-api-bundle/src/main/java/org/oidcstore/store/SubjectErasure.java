package org.oidcstore.store;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link OidcStore#eraseSubject} removed, per kind: one entry for every kind the erasure
 * visited (a kind that holds no records of subjects, or that the store does not host, has none).
 * A returned value always describes a finished erasure: a tier that failed midway raises instead.
 *
 * @param counts records removed per kind (grants, tokens, sessions, interactions, device and CIBA
 *     requests, the user record); never negative
 */
public record SubjectErasure(Map<StoreKind, Integer> counts) {

    /**
     * The kinds {@link OidcStore#eraseSubject} visits, in the order it visits them: the records that
     * refer to a grant before the grant, the user record last. A store that splits an erasure (the
     * composite, by tier) erases each part in this order; an erasure stopped midway is finished by
     * calling it again with the same subject (it never needs the user record to find the rest).
     */
    public static final List<StoreKind> ORDER = SubjectErasures.ORDER;

    /**
     * The per-kind steps of {@link OidcStore#eraseSubject}, for a store that splits an erasure (the
     * composite runs the kinds of its transactional backend in one transaction and the others after
     * it): erases {@code subject} from each of {@code kinds} that an erasure visits, in
     * {@link #ORDER}, through {@code store}'s substores, in the caller's transaction if any (it opens
     * none).
     *
     * @return records removed per visited kind; a kind the erasure does not visit, or cannot erase
     *     in {@code store} (a read-only users backend), has no entry
     * @throws StoreUnavailableException when an engine cannot be reached (the kinds before it are done)
     */
    public static Map<StoreKind, Integer> eraseKinds(OidcStore store, String subject, Set<StoreKind> kinds) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kinds, "kinds");
        return SubjectErasures.erase(store, subject, kinds);
    }

    public SubjectErasure {
        Objects.requireNonNull(counts, "counts");
        EnumMap<StoreKind, Integer> copy = new EnumMap<>(StoreKind.class);
        counts.forEach((kind, n) -> {
            if (Objects.requireNonNull(n, "count") < 0) {
                throw new IllegalArgumentException("counts are never negative: " + kind + "=" + n);
            }
            copy.put(Objects.requireNonNull(kind, "kind"), n);
        });
        counts = Collections.unmodifiableMap(copy);
    }

    /** Records removed of {@code kind}; 0 when the erasure did not visit it. */
    public int count(StoreKind kind) {
        return counts.getOrDefault(kind, 0);
    }

    /** The sum of all counts. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
