package org.oidcstore.store.jpa.internal.row;

import java.time.Instant;

/**
 * A stored row of a bearer value, keyed by its digest: what a lookup needs to decide whether the
 * row answers the presented value (its digest, its expiry) and the record it becomes.
 *
 * @param <T> the API record
 */
public interface TokenRow<T> {

    /** The digest the row is keyed by. */
    String digest();

    /** When the row expires ({@code spi.Expiry} decides against the store clock). */
    Instant expiresAt();

    /**
     * The record, carrying the bearer value the caller presented.
     *
     * @throws org.oidcstore.store.jpa.internal.runtime.CorruptRowException when a column cannot be decoded
     */
    T toRecord(String presented);
}
