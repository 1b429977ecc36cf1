package org.oidcstore.store;

import java.util.Optional;

/**
 * The provider's per-authorization context ({@link StoreKind#AUTHORIZATION_CONTEXTS}), a member of
 * the transactional cluster: one opaque {@link AuthorizationContext} per grant id, written in the
 * transaction that saves or rotates the grant's code or refresh token, so that the context commits
 * (or rolls back) with them.
 *
 * <p>The context round-trips byte-exact. A context is expired at {@code expiresAt} (inclusive) by
 * the store's clock and then absent from every method, as if deleted. A backend may seal the
 * context at rest (the JPA tier does: it names the end user).
 *
 * <p><b>ID-token binding.</b> A context may be bound to the ID token last issued under its grant,
 * so that a logout request's {@code id_token_hint} finds the authorization ({@link #findByIdToken}).
 * The ID token is a bearer value: backends store only its HMAC-SHA-256 digest
 * ({@code spi.SecretDigest}), look it up by digest, and a digest presented as an ID token does not
 * match. ID tokens may be up to {@link Limits#MAX_ID_TOKEN_LENGTH} characters (longer than an
 * identifier); otherwise the rules of identifiers ({@link Limits}) apply. Only the latest ID token
 * of a grant is kept: binding a new one forgets the previous one.
 */
public interface AuthorizationContextStore {

    /**
     * Inserts the context of {@code context.grantId()}, or replaces it (the last writer wins: which
     * caller may issue or rotate is decided by the codes and refresh tokens saved or consumed in
     * the same transaction, never by this store).
     *
     * <p>{@code idToken}, when not {@code null}, becomes the ID token bound to the grant, replacing
     * the previous one (which then finds nothing); if another grant was bound to that same ID token,
     * the binding moves to this grant. {@code null} keeps the grant's previous binding (none for a
     * new context, or when the previous context had expired). Joins the caller's transaction when
     * the backend is transactional.
     *
     * @param context the context
     * @param idToken the ID token last issued under the grant, or {@code null} to keep the binding
     * @throws NullPointerException when {@code context} is null; nothing is written
     * @throws IllegalArgumentException when {@code idToken} is blank, longer than
     *     {@link Limits#MAX_ID_TOKEN_LENGTH} or carries a control character; nothing is written
     * @throws DuplicateRecordException when a concurrent, uncommitted transaction binds the same
     *     ID token to another grant (a backend that indexes the digest uniquely may raise it; ID
     *     tokens are minted per grant, so this is a caller's bug, not a race of clients)
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    void save(AuthorizationContext context, String idToken);

    /**
     * Finds the live context of a grant.
     *
     * @return the context; empty when unknown, deleted, erased or expired, and for a grant id that
     *     could never have been stored
     * @throws NullPointerException when {@code grantId} is null
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    Optional<AuthorizationContext> find(String grantId);

    /**
     * Finds the live context whose grant is bound to {@code idToken} (see {@link #save}): the ID
     * token last issued under that grant. An older ID token of the grant, a token that was never
     * bound, a digest of a token, a value that could never have been bound (blank, too long) and
     * the ID token of an expired or deleted context all find nothing.
     *
     * @throws NullPointerException when {@code idToken} is null
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    Optional<AuthorizationContext> findByIdToken(String idToken);

    /**
     * Deletes the context of a grant and its ID-token binding. Idempotent.
     *
     * @return {@code true} when a live context was deleted; {@code false} when none was there,
     *     including one that had expired (absent and expired look the same)
     * @throws NullPointerException when {@code grantId} is null
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    boolean delete(String grantId);

    /**
     * Erases subject {@code subject}: deletes every context of it ({@link AuthorizationContext#subject()}),
     * expired ones included. Part of {@link OidcStore#eraseSubject}; joins the caller's transaction
     * when the backend is transactional. Idempotent: a second call, or an unknown subject, removes
     * nothing and returns 0; so does a subject that could never have been stored (blank, too long,
     * a control character: {@code spi.Arguments#isStorableId}). A {@code null} subject raises
     * {@link NullPointerException}.
     *
     * @return how many records this call removed, expired ones included
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    int eraseSubject(String subject);
}
