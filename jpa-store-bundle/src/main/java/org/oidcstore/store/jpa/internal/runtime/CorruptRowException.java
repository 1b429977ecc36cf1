package org.oidcstore.store.jpa.internal.runtime;

import java.util.function.Supplier;

/**
 * A stored row could not be turned into its record: a JSON column that does not parse, an unknown
 * enum constant, an unparsable URI, a value the record refuses. Raised while decoding, before the
 * store knows its operation; {@link JpaExceptions#translate} turns it into a plain
 * {@code StoreException} (OIDCS-1301) naming substore and operation. Neither message quotes the
 * stored value; the parse failure is the cause.
 */
public final class CorruptRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private CorruptRowException(String table, RuntimeException cause) {
        super("a row of " + table + " could not be read: " + cause.getClass().getSimpleName(), cause);
    }

    /**
     * Runs the decoding of a row of {@code table}. Every runtime failure inside is a damaged row,
     * not a caller's mistake: an {@code IllegalArgumentException} from a record constructor or a
     * parser must not escape as if the caller's argument were wrong.
     */
    public static <T> T decode(String table, Supplier<T> decoding) {
        try {
            return decoding.get();
        } catch (RuntimeException e) {
            throw new CorruptRowException(table, e);
        }
    }
}
