package org.oidcstore.store;

/**
 * Base of every failure a store raises. Unchecked: a provider maps the subclasses to protocol
 * errors, it rarely recovers from them in place.
 *
 * <p>Backends translate their driver's exceptions (JDBC, JPA, Redis) into these types in exactly
 * one place, keeping the driver exception as the cause. Nothing above a backend ever sees a
 * {@code PersistenceException} or a Redis client exception. Absence is never an exception: finders
 * return {@link java.util.Optional}. Invalid arguments (a {@code null} where a value is required, a
 * non-positive page size) raise {@link IllegalArgumentException} or {@link NullPointerException}
 * before anything is written.
 *
 * <p>Messages never contain a bearer secret (code, token, request URI, JWT ID) nor a credential.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
