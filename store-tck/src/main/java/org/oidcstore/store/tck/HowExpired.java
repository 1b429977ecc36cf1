package org.oidcstore.store.tck;

import java.time.Duration;

/**
 * How a record came to be expired in the "expired looks absent" cases: both must behave exactly
 * as a record that was never saved.
 */
public enum HowExpired {
    /** Saved with {@code createdAt} and {@code expiresAt} already in the past. */
    SAVED_EXPIRED,
    /** Saved live; then the store clock reached its {@code expiresAt} (inclusive). */
    EXPIRED_BY_CLOCK;

    /** How long before the store clock's instant a {@link #SAVED_EXPIRED} record was created. */
    public static final Duration AGE = Duration.ofHours(2);
    /** How long before the store clock's instant a {@link #SAVED_EXPIRED} record expired. */
    public static final Duration EXPIRED_FOR = Duration.ofHours(1);
}
