package org.oidcstore.store;

/**
 * A concurrent writer won: an optimistic-version update lost (grants), a compare-and-swap found
 * other state (interactions), or a static client differs from the one already stored. Nothing was
 * written by the losing call. The caller re-reads and decides whether to retry.
 */
public class ConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
