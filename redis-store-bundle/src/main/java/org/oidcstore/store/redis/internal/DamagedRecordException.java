package org.oidcstore.store.redis.internal;

/**
 * A stored value the tier cannot read: a body the codec cannot decode, a time that is not a
 * number, a hash without one of its fields, a malformed session pointer. Thrown while decoding,
 * inside {@link RedisEngine#call}, whose translator turns it into {@code StoreException}
 * {@code OIDCS-1454} naming the substore and the operation. The message says what is wrong and
 * never quotes the value; a cause, when there is one, is an exception of the record types, whose
 * messages name fields, never values.
 */
final class DamagedRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DamagedRecordException(String what) {
        super(what);
    }

    DamagedRecordException(String what, Throwable cause) {
        super(what, cause);
    }
}
