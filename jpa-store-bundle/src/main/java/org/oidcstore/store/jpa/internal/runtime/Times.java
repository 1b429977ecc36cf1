package org.oidcstore.store.jpa.internal.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants are stored as UTC wall-clock {@code TIMESTAMP(6)} / {@code DATETIME(6)} values and bound
 * as {@link LocalDateTime} (see {@code boot.PlatformSupport}), so that neither the JVM's nor the
 * server's time zone can shift them.
 */
public final class Times {
    private Times() {
    }

    /**
     * The instant's UTC wall-clock time: {@code LocalDateTime.ofInstant(instant, UTC)} without its
     * {@code ZoneRules} allocation (the offset is fixed), the same value and the same
     * {@code DateTimeException} out of range.
     */
    public static LocalDateTime db(Instant instant) {
        return instant == null ? null
                : LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** An instant floored to the microsecond, the precision of every stored instant. */
    public static Instant floor(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The store clock's instant, floored to the microsecond. Stored instants are whole
     * microseconds, so comparing against the floored value decides expiry exactly as
     * {@code now >= expiresAt} on the full-precision clock would.
     */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
