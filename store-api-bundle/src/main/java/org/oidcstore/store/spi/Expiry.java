package org.oidcstore.store.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * The one expiry rule every backend applies: a record is expired <b>at</b> its {@code expiresAt}
 * (inclusive), judged against the store's injected clock.
 */
public final class Expiry {
    private Expiry() {
    }

    /** {@code now >= expiresAt}. A {@code null} expiry never expires. */
    public static boolean isExpired(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** {@code now < expiresAt}. A {@code null} expiry is always live. */
    public static boolean isLive(Instant expiresAt, Instant now) {
        return !isExpired(expiresAt, now);
    }

    /** Time left until expiry, {@link Duration#ZERO} when expired. */
    public static Duration remaining(Instant expiresAt, Instant now) {
        return isExpired(expiresAt, now) ? Duration.ZERO : Duration.between(now, expiresAt);
    }

    /**
     * An engine TTL in whole milliseconds for a record expiring at {@code expiresAt}: the remaining
     * time rounded <em>up</em> (an engine must never drop a record before the store's own clock
     * says it expired), and at least {@code floor}. Reads still re-check expiry against the clock,
     * so a longer engine TTL never makes an expired record visible.
     */
    public static long ttlMillis(Instant expiresAt, Instant now, Duration floor) {
        Duration left = remaining(expiresAt, now);
        long millis = left.toMillis() + (left.minusMillis(left.toMillis()).isZero() ? 0 : 1);
        return Math.max(millis, floor.toMillis());
    }
}
