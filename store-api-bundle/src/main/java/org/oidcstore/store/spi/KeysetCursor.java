package org.oidcstore.store.spi;

import java.time.Instant;
import org.oidcstore.store.Limits;

/**
 * The position of a keyset listing ordered by an instant, then an identifier (sessions of a
 * chooser group, grants of a subject): the sort key of the last item of a page. Its text form
 * ({@code <epoch microseconds>.<id>}) is what the API hands out as {@code nextCursor}, the same on
 * every backend.
 *
 * @param at the instant of the last item (microsecond precision)
 * @param id the identifier of the last item
 */
public record KeysetCursor(Instant at, String id) {

    public KeysetCursor {
        at = Arguments.requiredInstant(at, "cursor instant");
        Arguments.id(id, "cursor id");
    }

    /** Microseconds since the epoch: an exact sort key on every engine (and a Redis score). */
    public long micros() {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    public String format() {
        return micros() + "." + id;
    }

    /**
     * Parses a cursor handed out by {@link #format()}.
     *
     * @return the cursor, or {@code null} for {@code null} (the first page)
     * @throws IllegalArgumentException when {@code text} is not such a cursor
     */
    public static KeysetCursor parse(String text) {
        if (text == null) {
            return null;
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot > 20) {
            throw new IllegalArgumentException("not a cursor of this listing");
        }
        long micros;
        try {
            micros = Long.parseLong(text.substring(0, dot));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this listing");
        }
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
        if (at.isBefore(Limits.MIN_INSTANT) || at.isAfter(Limits.MAX_INSTANT)) {
            throw new IllegalArgumentException("not a cursor of this listing");
        }
        return new KeysetCursor(at, text.substring(dot + 1));
    }

    /** Shows no identifier (for sessions it is a {@code sid}). */
    @Override
    public String toString() {
        return "KeysetCursor[" + micros() + "]";
    }
}
