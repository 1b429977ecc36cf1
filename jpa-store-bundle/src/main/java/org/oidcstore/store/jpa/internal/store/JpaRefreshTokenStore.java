package org.oidcstore.store.jpa.internal.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.Jpa;
import org.oidcstore.store.jpa.internal.JpaExceptions;
import org.oidcstore.store.jpa.internal.Sql;
import org.oidcstore.store.jpa.internal.entity.RefreshTokenEntity;

/**
 * Refresh-token chains on {@code oidc_refresh_token}: digests of the token, its parent and its
 * chain root.
 *
 * <h2>Rotation racing revocation</h2>
 * A rotation ({@code consume(parent)} + {@code save(child, parent)} in one transaction R) holds
 * the parent row's lock from its consume (or from the {@code FOR UPDATE} read in {@link #save})
 * until R commits, and checks {@code revoked} under that lock. A revocation V revokes every
 * unrevoked row of the chain (or grant), which includes the parent as long as it is unrevoked:
 * <ul>
 *   <li>If V locks the parent first, R waits for V, then reads the committed {@code revoked = true}
 *       and fails: the child is never inserted.</li>
 *   <li>If R locks the parent first, V's {@code UPDATE} waits for R. On PostgreSQL (READ
 *       COMMITTED) the waiting statement then revokes the parent but cannot see the child R
 *       inserted, because its snapshot predates R's commit; MariaDB's and H2's scans may likewise
 *       miss it. So V repeats the statement until one changes no row: the next statement starts
 *       after R committed and revokes the child. UPDATE reads the latest committed rows on every
 *       engine and isolation level, so the loop is correct under REPEATABLE READ as well.</li>
 * </ul>
 * The loop ends: a new child needs an unrevoked, unlocked parent, and every row V revoked stays
 * locked by V until it commits.
 *
 * <h2>No deadlocks</h2>
 * Two revocations of one grant would lock overlapping rows in different orders (each pass may
 * find new children), and deadlock; on PostgreSQL a rotation queued for one of those rows can even
 * be chosen as the victim, failing a legitimate rotation. So a revocation first upserts its
 * grant's row in {@code oidc_refresh_token_lock}, which locks it: revocations of one grant run one
 * after the other (they never wait while holding a token row), rotations never touch that table
 * and hold at most their parent row while waiting for nothing. No wait cycle can form.
 */
public final class JpaRefreshTokenStore implements RefreshTokenStore {
    private static final String NAME = "refresh-tokens";
    private static final StoreKind KIND = StoreKind.REFRESH_TOKENS;
    /** Far above any real chain growth during one revocation; a guard against a bug, not a limit. */
    private static final int MAX_REVOCATION_PASSES = 1_000;

    private final Jpa jpa;

    public JpaRefreshTokenStore(Jpa jpa) {
        this.jpa = jpa;
    }

    @Override
    public void save(RefreshToken token, String parentToken) {
        Objects.requireNonNull(token, "token");
        if (token.consumedAt() != null || token.revoked()) {
            throw new IllegalArgumentException("a newly issued refresh token must be neither consumed nor revoked");
        }
        String digest = jpa.digest(KIND, token.token());
        if (parentToken == null) {
            jpa.tx(NAME, "save", em -> {
                em.persist(RefreshTokenEntity.of(token, digest, null, digest));
                em.flush();
                return null;
            });
            return;
        }
        String parentDigest = jpa.digest(KIND, parentToken);
        LocalDateTime now = jpa.dbNow();
        jpa.tx(NAME, "save", em -> {
            // the parent check and the insert are one atomic step: the lock is held until commit
            RefreshTokenEntity parent = em.find(RefreshTokenEntity.class, parentDigest, LockModeType.PESSIMISTIC_WRITE);
            if (parent == null || !jpa.matches(KIND, parentToken, parent.digest()) || !parent.liveAt(now)) {
                throw new IllegalArgumentException("the parent refresh token is unknown or expired");
            }
            if (parent.revoked()) {
                throw new AlreadyConsumedException("the parent refresh token is revoked; its successor is not issued",
                        parent.toRecord(parentToken));
            }
            if (!parent.clientId().equals(token.clientId()) || !parent.grantId().equals(token.grantId())) {
                throw new IllegalArgumentException("a rotated refresh token must keep its parent's client and grant");
            }
            if (!parent.scopes().containsAll(token.scopes())) {
                throw new IllegalArgumentException("a rotated refresh token must not widen its parent's scopes");
            }
            em.persist(RefreshTokenEntity.of(token, digest, parentDigest, parent.rootDigest()));
            em.flush();
            return null;
        });
    }

    @Override
    public Optional<RefreshToken> find(String token) {
        String digest = jpa.digest(KIND, token);
        LocalDateTime now = jpa.dbNow();
        return jpa.tx(NAME, "find", em -> Optional.ofNullable(em.find(RefreshTokenEntity.class, digest))
                .filter(e -> jpa.matches(KIND, token, e.digest()) && e.liveAt(now))
                .map(e -> e.toRecord(token)));
    }

    /** As {@code JpaAuthorizationCodeStore.consume}; a revoked token is never redeemable either. */
    @Override
    public Optional<RefreshToken> consume(String token) {
        String digest = jpa.digest(KIND, token);
        LocalDateTime now = jpa.dbNow();
        return jpa.tx(NAME, "consume", em -> {
            int won = em.createQuery("UPDATE RefreshTokenEntity t SET t.consumedAt = :now WHERE t.tokenDigest = :digest"
                            + " AND t.consumedAt IS NULL AND t.revoked = FALSE AND t.expiresAt > :now")
                    .setParameter("now", now).setParameter("digest", digest).executeUpdate();
            RefreshTokenEntity e = won == 1 ? em.find(RefreshTokenEntity.class, digest)
                    : em.find(RefreshTokenEntity.class, digest, LockModeType.PESSIMISTIC_WRITE);
            if (e == null || !jpa.matches(KIND, token, e.digest()) || !e.liveAt(now)) {
                return Optional.<RefreshToken>empty();
            }
            if (won == 1) {
                return Optional.of(e.toRecord(token));
            }
            if (e.consumed() || e.revoked()) {
                throw new AlreadyConsumedException("refresh token already used or revoked (replay); revoke its grant",
                        e.toRecord(token));
            }
            throw new ConflictException("refresh token changed concurrently; retry");
        });
    }

    @Override
    public int revokeChain(String token) {
        String digest = jpa.digest(KIND, token);
        return jpa.tx(NAME, "revokeChain", em -> {
            RefreshTokenEntity e = em.find(RefreshTokenEntity.class, digest);
            if (e == null || !jpa.matches(KIND, token, e.digest())) {
                return 0;
            }
            lockGrant(em, e.grantId());
            return revokeUntilStable(em, "root_digest", e.rootDigest());
        });
    }

    @Override
    public int revokeByGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return jpa.tx(NAME, "revokeByGrant", em -> {
            lockGrant(em, grantId);
            return revokeUntilStable(em, "grant_id", grantId);
        });
    }

    /** See the class comment: revoke, and repeat until a statement changes nothing. */
    private static int revokeUntilStable(EntityManager em, String column, String value) {
        int total = 0;
        for (int pass = 0; pass < MAX_REVOCATION_PASSES; pass++) {
            int n = Sql.update(em, "UPDATE oidc_refresh_token SET revoked = TRUE WHERE " + column
                    + " = ? AND revoked = FALSE", value);
            if (n == 0) {
                return total;
            }
            total += n;
        }
        throw new ConflictException("refresh tokens kept being issued during revocation; retry");
    }

    /**
     * Locks the grant's row of {@code oidc_refresh_token_lock}, creating it if needed, in one
     * statement that always takes the row lock (an upsert that updates on conflict); on H2, whose
     * {@code MERGE} is not atomic under races, as "lock; else insert; if a concurrent insert won,
     * lock" over plain JDBC so the expected duplicate key does not doom the transaction.
     */
    private void lockGrant(EntityManager em, String grantId) {
        switch (jpa.dialect()) {
            case POSTGRESQL -> Sql.update(em, "INSERT INTO oidc_refresh_token_lock (grant_id) VALUES (?)"
                    + " ON CONFLICT (grant_id) DO UPDATE SET grant_id = EXCLUDED.grant_id", grantId);
            case MARIADB -> Sql.update(em, "INSERT INTO oidc_refresh_token_lock (grant_id) VALUES (?)"
                    + " ON DUPLICATE KEY UPDATE grant_id = VALUES(grant_id)", grantId);
            case H2 -> {
                try {
                    jpa.jdbc(c -> {
                        String lock = "UPDATE oidc_refresh_token_lock SET grant_id = grant_id WHERE grant_id = ?";
                        if (Sql.update(c, lock, grantId) == 1) {
                            return null;
                        }
                        try {
                            Sql.update(c, "INSERT INTO oidc_refresh_token_lock (grant_id) VALUES (?)", grantId);
                        } catch (SQLException dup) {
                            if (!Sql.isDuplicate(dup)) {
                                throw dup;
                            }
                            Sql.update(c, lock, grantId);
                        }
                        return null;
                    });
                } catch (SQLException e) {
                    throw JpaExceptions.translate(NAME, "revoke", e);
                }
            }
        }
    }
}
