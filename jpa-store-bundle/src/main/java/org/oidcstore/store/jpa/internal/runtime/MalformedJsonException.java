package org.oidcstore.store.jpa.internal.runtime;

/**
 * A JSON column's text is not what the tier writes (damaged, or written by something else): raised
 * by {@link Json}'s readers with the offset and what was expected, never the text (a column may
 * hold personal data). Decoding a row turns it into {@link CorruptRowException}, which the store
 * reports as {@code StoreException} (the message id of a corrupt row) naming substore and
 * operation.
 */
public final class MalformedJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(int offset, String what) {
        super("malformed JSON column at offset " + offset + ": " + what);
    }
}
