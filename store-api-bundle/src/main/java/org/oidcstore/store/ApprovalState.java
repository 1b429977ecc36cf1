package org.oidcstore.store;

/**
 * Where a request that a user approves on another channel stands: a device authorization
 * (RFC 8628) or a backchannel authentication request (OpenID CIBA Core 1.0).
 *
 * <p>Transitions: {@code PENDING → APPROVED | DENIED}; {@code APPROVED → CONSUMED};
 * {@code PENDING | APPROVED → DENIED} by revocation. {@code DENIED} and {@code CONSUMED} are final.
 * An expired request has no state: it is absent for every operation.
 */
public enum ApprovalState {
    /** Created by the client; the user has not decided yet ({@code authorization_pending}). */
    PENDING,
    /** The user approved; the client's next token request redeems it, once. */
    APPROVED,
    /** The user denied, or the provider revoked it ({@code access_denied}). */
    DENIED,
    /** Redeemed at the token endpoint; presenting it again is a replay. */
    CONSUMED
}
