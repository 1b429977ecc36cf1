package org.oidcstore.store;

import java.time.Duration;

/**
 * What one poll of the token endpoint found, decided and recorded in one engine operation
 * ({@link DeviceAuthorizationStore#poll}, {@link CibaRequestStore#poll}).
 *
 * @param state the request's state when the poll was recorded
 * @param slowDown whether the poll came before {@code lastPolledAt + interval}: answer
 *     {@code slow_down}; the stored interval has then grown by {@link #SLOW_DOWN_STEP} (up to
 *     {@link #MAX_INTERVAL})
 * @param interval the interval the client must now wait between polls (the grown one after a
 *     {@code slow_down})
 */
public record PollResult(ApprovalState state, boolean slowDown, Duration interval) {

    /** How much a {@code slow_down} answer adds to the interval (RFC 8628 §3.5): 5 seconds. */
    public static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    /**
     * The longest interval a request holds (one day, the bound its record accepts): a
     * {@code slow_down} grows the interval by {@link #SLOW_DOWN_STEP} up to this and no further, so
     * a client that keeps polling too early can never make the stored record invalid.
     */
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);

    /** The interval after a {@code slow_down} answered to a request holding {@code interval}. */
    public static Duration grown(Duration interval) {
        Duration grown = interval.plus(SLOW_DOWN_STEP);
        return grown.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : grown;
    }

    public PollResult {
        Checks.required(state, "state");
        Checks.required(interval, "interval");
    }
}
