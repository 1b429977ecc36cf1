package org.oidcstore.store;

import java.time.Instant;

/**
 * Grant tombstones and the JWT-ID denylist ({@link StoreKind#GRANT_REVOCATIONS}), a member of the
 * transactional cluster. Resource servers and introspection ask {@link #isRevoked} about
 * self-contained (JWT) tokens that cannot be deleted.
 *
 * <p><b>Tombstones only widen.</b> A grant's tombstone holds {@code revokedAt} (tokens issued at or
 * before it are revoked) and {@code retainUntil} (when the tombstone may be forgotten, i.e. when
 * the last token issued under the grant has expired). Every revocation keeps the greater of the
 * stored and the given value for each, in one conditional statement: concurrent revocations
 * converge on the widest window, whatever their order, and a narrower one never shrinks it.
 *
 * <p>JWT IDs are stored only as digests. Entries whose {@code retainUntil} / {@code expiresAt} has
 * passed (inclusive, store clock) are ignored by {@link #isRevoked}: the tokens they guard are
 * expired anyway.
 */
public interface GrantRevocationStore {

    /**
     * Records (or widens) the tombstone of a grant.
     *
     * @param revokedAt tokens of the grant issued at or before this instant are revoked
     * @param retainUntil when the tombstone may be purged; at least the expiry of the grant's
     *     longest-lived token
     * @throws IllegalArgumentException when {@code retainUntil} is before {@code revokedAt}
     */
    void revokeGrant(String grantId, Instant revokedAt, Instant retainUntil);

    /**
     * Denylists one JWT ID until {@code expiresAt} (the token's {@code exp}); idempotent, widens
     * an existing entry's expiry.
     */
    void revokeJti(String jti, Instant expiresAt);

    /**
     * Whether a token is revoked: true iff its {@code jti} is denylisted, or its grant has a
     * tombstone with {@code issuedAt <= revokedAt}. Live entries only.
     *
     * @param grantId the token's grant, or {@code null}
     * @param jti the token's JWT ID, or {@code null}
     * @param issuedAt the token's {@code iat}
     */
    boolean isRevoked(String grantId, String jti, Instant issuedAt);

    /**
     * Deletes tombstones with {@code retainUntil <= cutoff} and denylist entries with
     * {@code expiresAt <= cutoff}. A backend may delete in bounded batches, each committed on its
     * own (outside the caller's transaction).
     *
     * @return how many entries were deleted
     * @throws IllegalArgumentException when {@code cutoff} is after the store clock's instant: a
     *     live tombstone or denylist entry deleted would make the revoked tokens it guards valid
     *     again; nothing is deleted
     */
    int purge(Instant cutoff);
}
