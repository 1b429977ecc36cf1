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

    /**
     * Erases subject {@code subject}: deletes every access-token row of it. A JWT already handed out cannot be recalled, so in the same atomic step the backend denylists, through the {@link GrantRevocationStore} it also hosts (both are in the cluster, hence on one backend), the JWT ID of every row that is not expired, until that token's expiry ({@link GrantRevocationStore#revokeJti}
     * semantics: {@link GrantRevocationStore#isRevoked} answers {@code true} for it, and
     * {@link GrantRevocationStore#purge} forgets it after the expiry). Revoked rows are denylisted too:
     * their flag, which the erasure deletes, may be the only record of their revocation. Expired rows
     * are not denylisted (the token is dead anyway). The denylist entries carry no subject; a backend
     * may key them by the row's own JWT-ID digest (no raw JWT ID is kept to digest again). Part of {@link OidcStore#eraseSubject}; joins the caller's
     * transaction when the backend is transactional. Idempotent: a second call, or an unknown
     * subject, removes nothing and returns 0; so does a subject that could never have been stored
     * (blank, too long, a control character: {@code spi.Arguments#isStorableId}). A {@code null}
     * subject raises {@link NullPointerException}.
     *
     * <p>The default, for a backend built against API 1.3, refuses: such a backend cannot take part
     * in an erasure until it implements this (the TCK's erasure contract fails it).
     *
     * @return how many records this call removed, expired ones included
     * @throws StoreUnavailableException when the engine cannot be reached
     * @throws StoreConfigurationException (OIDCS-1003) when the backend does not implement erasure
     */
    default int eraseSubject(String subject) {
        throw Checks.noErasure(getClass());
    }
}
