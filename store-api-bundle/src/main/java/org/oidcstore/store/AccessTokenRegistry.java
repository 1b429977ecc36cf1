package org.oidcstore.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Shadow rows of JWT access tokens ({@link StoreKind#ACCESS_TOKENS}), a member of the
 * transactional cluster: registering the row commits with the issuance it belongs to.
 *
 * <p>JWT IDs are stored only as digests; lookups digest the presented value. A row is expired at
 * {@code expiresAt} (inclusive) by the store's clock and then absent from {@link #find}.
 */
public interface AccessTokenRegistry {

    /**
     * Registers an issued token. {@code revoked} MUST be {@code false}.
     *
     * @throws DuplicateRecordException when the JWT ID is already registered
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    void register(JwtAccessToken token);

    /** Finds a token by JWT ID, revoked ones included (see the flag); empty when unknown or expired. */
    Optional<JwtAccessToken> find(String jti);

    /**
     * Revokes one token. Idempotent.
     *
     * @return {@code true} when this call revoked it, {@code false} when unknown, expired or
     *     already revoked
     */
    boolean revoke(String jti);

    /** Revokes every token of a grant, expired or not. Idempotent. @return how many tokens this call revoked */
    int revokeByGrant(String grantId);

    /**
     * Revokes every token of {@code clientId}, expired or not, as {@link #revokeByGrant} does for
     * one grant (flagged revoked, not deleted). Joins the caller's transaction (see
     * {@link OidcStore#revokeClient}). Idempotent; an unknown client revokes nothing.
     *
     * @return how many tokens this call revoked
     */
    int revokeByClient(String clientId);

    /**
     * Deletes the rows that are expired at {@code cutoff} ({@code expiresAt <= cutoff}). A backend
     * may delete in bounded batches, each committed on its own (outside the caller's transaction).
     *
     * @return how many rows were deleted
     * @throws IllegalArgumentException when {@code cutoff} is after the store clock's instant (it
     *     would delete live rows); nothing is deleted
     */
    int purgeExpired(Instant cutoff);
}
