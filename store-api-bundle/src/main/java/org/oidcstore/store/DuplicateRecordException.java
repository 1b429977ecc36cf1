package org.oidcstore.store;

/**
 * A record with the same identifier already exists in this substore; nothing was written.
 * Raised by inserts ({@code save} of codes, refresh tokens, PARs, access-token rows, client
 * registration, first save of a grant).
 */
public class DuplicateRecordException extends StoreException {
    private static final long serialVersionUID = 1L;

    public DuplicateRecordException(String message) {
        super(message);
    }

    public DuplicateRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
