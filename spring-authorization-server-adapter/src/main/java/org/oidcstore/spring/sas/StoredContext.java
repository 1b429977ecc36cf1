package org.oidcstore.spring.sas;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.time.Instant;
import org.oidcstore.store.AuthorizationContext;

/**
 * A context as the store returned it: decoded, its bytes and its expiry. An aggregate the adapter
 * rebuilds carries it ({@link SasKeys#STORED}, never persisted), so that saving that aggregate
 * merges the token entries it lacks from here instead of reading the context again, and skips
 * the write when nothing changed.
 *
 * @param context the decoded context
 * @param encoded the bytes as stored (Java serialization of {@code context}; no bearer value)
 * @param expiresAt the stored record's expiry
 */
record StoredContext(SasContext context, byte[] encoded, Instant expiresAt) implements Serializable {

    static StoredContext of(AuthorizationContext stored, ObjectInputFilter filter) {
        byte[] bytes = stored.context();
        return new StoredContext(SasContext.decode(bytes, filter), bytes, stored.expiresAt());
    }

    /** Whether {@code bytes} are the stored bytes and the stored record lives at least until {@code until}. */
    boolean unchanged(byte[] bytes, Instant until) {
        return java.util.Arrays.equals(encoded, bytes) && !expiresAt.isBefore(until);
    }

    @Override
    public String toString() {
        return "StoredContext[" + context.id() + ", " + encoded.length + " bytes, expiresAt=" + expiresAt + "]";
    }
}
