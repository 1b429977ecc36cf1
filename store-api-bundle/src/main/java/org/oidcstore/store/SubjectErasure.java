package org.oidcstore.store;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link OidcStore#eraseSubject} removed, per kind: one entry for every kind the erasure
 * visited (a kind that holds no records of subjects, or that the store does not host, has none).
 * A returned value always describes a finished erasure: a tier that failed midway raises instead.
 *
 * @param counts records removed per kind (grants, tokens, sessions, interactions, device and CIBA
 *     requests, the user record); never negative
 */
public record SubjectErasure(Map<StoreKind, Integer> counts) {

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
