package org.oidcstore.store.tck;

/**
 * The rows of the redemption matrix: the four states a single-use record can be in when it is
 * presented. The expected outcome per substore is fixed by the substores' Javadoc:
 *
 * <pre>
 *                        find            consume
 * codes, refresh tokens
 *   LIVE                 present         record, consumedAt set
 *   CONSUMED             present         AlreadyConsumedException carrying the record
 *   EXPIRED              empty           empty
 *   EXPIRED_CONSUMED     empty           empty            (expired beats consumed)
 * pushed authorization requests (consume ignores expiry within CONSUME_GRACE)
 *   LIVE                 present         record
 *   CONSUMED             empty           AlreadyConsumedException without record
 *   EXPIRED              empty           record
 *   EXPIRED_CONSUMED     empty           AlreadyConsumedException without record
 *   (past expiresAt + CONSUME_GRACE: empty for both, consumed or not)
 * </pre>
 */
public enum RedemptionState {
    LIVE(false, false),
    CONSUMED(true, false),
    EXPIRED(false, true),
    EXPIRED_CONSUMED(true, true);

    private final boolean consumed;
    private final boolean expired;

    RedemptionState(boolean consumed, boolean expired) {
        this.consumed = consumed;
        this.expired = expired;
    }

    public boolean consumed() {
        return consumed;
    }

    public boolean expired() {
        return expired;
    }
}
