package org.oidcstore.store;

import java.util.Optional;

/**
 * A single-use record was presented again: an authorization code or refresh token that was
 * already consumed (or whose chain was revoked), a pushed authorization request that was already
 * used, or a JWT ID that is already marked.
 *
 * <p>For authorization codes and refresh tokens the exception <b>carries the stored record</b>:
 * RFC 9700 asks the provider to revoke the grant that a replayed code or refresh token belongs to,
 * and the record names that grant. For pushed authorization requests and JWT IDs it carries no
 * record. This is replay evidence; an expired record is never reported this way (it is simply
 * absent), so expiry cannot be mistaken for an attack.
 */
public class AlreadyConsumedException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient Object record;

    public AlreadyConsumedException(String message) {
        this(message, null, null);
    }

    public AlreadyConsumedException(String message, Object record) {
        this(message, record, null);
    }

    public AlreadyConsumedException(String message, Object record, Throwable cause) {
        super(message, cause);
        this.record = record;
    }

    /** The consumed record, when the substore's contract says the exception carries it. */
    public Optional<Object> record() {
        return Optional.ofNullable(record);
    }

    /** The consumed record as the given type, empty when absent or of another type. */
    public <T> Optional<T> record(Class<T> type) {
        return type.isInstance(record) ? Optional.of(type.cast(record)) : Optional.empty();
    }
}
