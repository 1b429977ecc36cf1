package org.oidcstore.store.tck;

import org.oidcstore.store.ApprovalState;

/**
 * The rows of the redemption matrix of the kinds a user approves on another channel (device
 * authorizations, backchannel authentication requests): each {@link ApprovalState}, live or
 * expired. The expected outcome is fixed by the substores' Javadoc:
 *
 * <pre>
 *                 find / poll        consume                               revoke
 *   PENDING       present            ConflictException, nothing changes    true  (→ DENIED)
 *   APPROVED      present            the record, → CONSUMED                true  (→ DENIED)
 *   DENIED        present            ConflictException, nothing changes    false
 *   CONSUMED      present            AlreadyConsumedException + record     false
 *   EXPIRED_*     empty              empty            (expired beats consumed)     false
 * </pre>
 */
public enum ApprovalRedemption {
    PENDING(ApprovalState.PENDING, false),
    APPROVED(ApprovalState.APPROVED, false),
    DENIED(ApprovalState.DENIED, false),
    CONSUMED(ApprovalState.CONSUMED, false),
    EXPIRED_PENDING(ApprovalState.PENDING, true),
    EXPIRED_APPROVED(ApprovalState.APPROVED, true),
    EXPIRED_DENIED(ApprovalState.DENIED, true),
    EXPIRED_CONSUMED(ApprovalState.CONSUMED, true);

    private final ApprovalState state;
    private final boolean expired;

    ApprovalRedemption(ApprovalState state, boolean expired) {
        this.state = state;
        this.expired = expired;
    }

    /** The state the request is brought to before the clock (maybe) reaches its expiry. */
    public ApprovalState state() {
        return state;
    }

    public boolean expired() {
        return expired;
    }
}
