package org.oidcstore.store;

/**
 * The engine behind a store could not be reached or did not answer in time, or the store refused
 * the write because it is full (an in-process tier at capacity refuses rather than evicts, since an
 * eviction would reopen a replay window). The operation may or may not have taken effect when the
 * cause is a timeout; single-use operations are safe to retry because the engine decides the winner.
 */
public class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
