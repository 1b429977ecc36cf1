package org.oidcstore.store.jpa.internal.row;

import java.time.Instant;

/**
 * What the statements shared by both polled-request tables read of a row before it is decoded
 * into its record: its expiry and state as stored (to tell an expired, consumed or otherwise
 * decided request apart after a conditional {@code UPDATE} matched nothing) and the poll columns.
 */
public interface PolledRow {
    Instant expiresAt();

    /** The {@code state} column as stored (an {@code ApprovalState} name). */
    String state();

    int intervalSeconds();

    /** Whether the last recorded poll was answered {@code slow_down}. */
    boolean lastPollSlowDown();
}
