package org.oidcstore.store;

import java.util.Optional;
import org.oidcstore.store.spi.SingleWinner;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Refresh-token chains ({@link StoreKind#REFRESH_TOKENS}), a member of the transactional cluster.
 *
 * <p><b>Hashing.</b> Tokens, and the parent and root references of a chain, MUST be stored only as
 * HMAC-SHA-256 digests ({@code org.oidcstore.store.spi.SecretDigest}); lookups digest the
 * presented value. Presenting a stored digest as a token MUST NOT match.
 *
 * <p><b>Expiry.</b> Expired at {@code expiresAt} (inclusive) by the store's clock on every read;
 * an expired token is absent (expired beats consumed and revoked).
 *
 * <p><b>Rotation.</b> A provider redeems a token and issues its successor in one transaction:
 * {@code consume(old)} then {@code save(successor, old)}. The parent check of {@code save} and the
 * insert are one atomic step (the parent row is locked), so a concurrent revocation either makes
 * the save fail or also revokes the new child: after both calls return, no live child of a revoked
 * chain or grant remains.
 *
 * <p><b>Chains never fork.</b> A successor needs a parent that is already consumed, and a parent
 * has at most one successor: of several saves of successors of one consumed parent, concurrent or
 * not, exactly one stores its child; the others write nothing and raise
 * {@link AlreadyConsumedException} carrying the parent (it was rotated already).
 */
public interface RefreshTokenStore {

    /**
     * Stores a token: a chain root when {@code parentToken} is {@code null}, otherwise the
     * successor of {@code parentToken} (the bearer value the client presented). For a successor
     * the store checks, atomically with the insert, that the parent exists, is not revoked, is
     * already consumed (normally by {@code consume(parent)} earlier in the same transaction) and
     * has no successor yet, and that the child keeps the parent's client and grant and does not
     * widen its scopes. A revoked parent is not redeemable, so neither is its child; a parent
     * that already has a successor was rotated before, so a second child would fork the chain:
     * in every failing case nothing is written. Of several concurrent saves of successors of one
     * consumed parent exactly one succeeds. {@code consumedAt} MUST be {@code null} and
     * {@code revoked} {@code false}.
     *
     * @throws AlreadyConsumedException when the parent is revoked, or already has a successor;
     *     carries the parent record
     * @throws DuplicateRecordException when a token with the same value exists
     * @throws IllegalArgumentException when the parent is unknown or expired, is not consumed
     *     ("consume the parent first"), belongs to another client or grant, or has fewer scopes
     *     than the child; or when {@code consumedAt}/{@code revoked} are set
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    @SingleWinner
    @StoreEvent(value = "refresh_rotations", description = "Refresh-token rotations (committed successor saves)",
            when = StoreEvent.When.COMMITTED, ifArgumentPresent = 1)
    void save(RefreshToken token, String parentToken);

    /**
     * Finds a token by its bearer value, including consumed and revoked ones (see the flags).
     *
     * @return the record (carrying {@code token} as presented), or empty when unknown or expired
     */
    Optional<RefreshToken> find(String token);

    /**
     * Redeems a token: marks it consumed, once; exactly one concurrent caller wins.
     *
     * @return the record with {@code consumedAt} set, or empty when unknown or expired
     * @throws AlreadyConsumedException when the token is consumed or revoked (and not expired);
     *     carries the stored record, whose {@code grantId} the caller revokes on replay (RFC 9700)
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    @SingleWinner
    @StoreEvent(value = "refresh_replays",
            description = "Refresh-token replays detected (consume of a consumed or revoked token)",
            when = StoreEvent.When.REPLAYED)
    Optional<RefreshToken> consume(String token);

    /**
     * Revokes the chain that {@code token} belongs to: its root and every descendant of the root,
     * expired or not. Idempotent.
     *
     * @return how many tokens this call revoked (0 when unknown or already revoked)
     */
    int revokeChain(String token);

    /**
     * Revokes every token of a grant, expired or not. Idempotent.
     *
     * @return how many tokens this call revoked (expired ones included)
     */
    int revokeByGrant(String grantId);

    /**
     * Revokes every token of every grant of {@code clientId}, expired or not, as
     * {@link #revokeByGrant} does for one grant (tokens are flagged revoked, not deleted), with the
     * same guarantee against a concurrent rotation: after both return, no live successor of a
     * revoked token remains. Joins the caller's transaction (see {@link OidcStore#revokeClient}).
     * Idempotent; an unknown client revokes nothing.
     *
     * @return how many tokens this call revoked (expired ones included)
     */
    int revokeByClient(String clientId);

    /**
     * Erases subject {@code subject}: deletes every refresh token issued to it (every chain, expired, consumed or revoked), with the retry responses stored for them. Part of {@link OidcStore#eraseSubject}; joins the caller's
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
