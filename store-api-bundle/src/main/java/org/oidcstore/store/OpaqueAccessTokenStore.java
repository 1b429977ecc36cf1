package org.oidcstore.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Opaque access tokens ({@link StoreKind#OPAQUE_ACCESS_TOKENS}), a member of the transactional
 * cluster.
 *
 * <p>Tokens MUST be stored only as HMAC-SHA-256 digests; lookups digest the presented value, and
 * presenting a stored digest MUST NOT match. A token is expired at {@code expiresAt} (inclusive) by
 * the store's clock and then absent from {@link #find}.
 */
public interface OpaqueAccessTokenStore {

    /**
     * Stores an issued token. {@code revoked} MUST be {@code false}.
     *
     * @throws DuplicateRecordException when a token with the same value exists
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    void save(OpaqueAccessToken token);

    /** Finds a token by bearer value, revoked ones included; empty when unknown or expired. */
    Optional<OpaqueAccessToken> find(String token);

    /**
     * Revokes one token. Idempotent.
     *
     * @return {@code true} when this call revoked it
     */
    boolean revoke(String token);

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
     * Deletes the tokens expired at {@code cutoff} ({@code expiresAt <= cutoff}). A backend may
     * delete in bounded batches, each committed on its own (outside the caller's transaction).
     *
     * @return rows deleted
     * @throws IllegalArgumentException when {@code cutoff} is after the store clock's instant (it
     *     would delete live tokens); nothing is deleted
     */
    int purgeExpired(Instant cutoff);

    /**
     * Erases subject {@code subject}: deletes every opaque access token issued to it, expired or revoked included. Part of {@link OidcStore#eraseSubject}; joins the caller's
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
