package org.oidcstore.store.composite.internal.metrics;

import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreUnavailableException;

/**
 * How a call ended: the {@code outcome} tag. A fixed set, so the meters of a method keep one
 * counter slot per outcome (an array indexed by {@link #ordinal()}) instead of a map lookup per call.
 */
public enum Outcome {
    OK("ok"), ABSENT("absent"), REPLAY("replay"), CONFLICT("conflict"), DUPLICATE("duplicate"),
    UNAVAILABLE("unavailable"), INVALID("invalid"), ERROR("error");

    private static final Outcome[] ALL = values();

    /** The number of outcomes (the size of a per-outcome meter array). */
    public static final int COUNT = ALL.length;

    private final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    /** The tag value ({@code ok}, {@code absent}, ...). */
    public String tag() {
        return tag;
    }

    /** The outcome of a returned call: {@code absent} for an empty Optional or {@code false}, else {@code ok}. */
    public static Outcome of(Object result) {
        if (result instanceof Optional<?> o && o.isEmpty() || Boolean.FALSE.equals(result)) {
            return ABSENT;
        }
        return OK;
    }

    /** The outcome of a call that threw {@code failure}. */
    public static Outcome of(Throwable failure) {
        if (failure instanceof AlreadyConsumedException) {
            return REPLAY;
        } else if (failure instanceof ConflictException) {
            return CONFLICT;
        } else if (failure instanceof DuplicateRecordException) {
            return DUPLICATE;
        } else if (failure instanceof StoreUnavailableException) {
            return UNAVAILABLE;
        } else if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException) {
            return INVALID;
        }
        return ERROR;
    }

    /** The outcome tagged {@code tag}, or null when there is none. */
    public static Outcome ofTag(String tag) {
        for (Outcome o : ALL) {
            if (o.tag.equals(tag)) {
                return o;
            }
        }
        return null;
    }
}
