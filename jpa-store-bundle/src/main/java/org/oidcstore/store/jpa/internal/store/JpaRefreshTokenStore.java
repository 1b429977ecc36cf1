package org.oidcstore.store.jpa.internal.store;

import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.Dialect;
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
 * <h2>Rotation within one transaction</h2>
 * When R's {@link #consume} of the parent wins, its conditional {@code UPDATE} (row count 1) holds
 * the parent row's exclusive lock until R ends, on every engine (InnoDB record lock, PostgreSQL
 * row lock, H2 MVStore row lock; READ COMMITTED releases only the locks of rows a statement did
 * not change). No other transaction can change or delete the row meanwhile, so the row the
 * consume read back under that lock is the row a {@code SELECT … FOR UPDATE} in
 * {@link #save save(child, parent)} would return. {@code save} therefore uses it, and skips that
 * statement, when the same JTA transaction consumed the parent (kept as a transaction-scoped
 * resource of the synchronization registry, so it vanishes with the transaction and is never
 * seen by another one). The only statements of the tier that change the columns {@code save}
 * checks ({@code revoked}; {@code consumed_at} is set once, by that very consume; client, grant,
 * scopes, root and expiry never change) are the revocations, and a revocation in R forgets every
 * remembered row first, so a later {@code save} reads the parent again and sees R's own
 * revocation. Expiry is judged against
 * {@code save}'s clock, as before. Without a synchronization registry (a container that offers
 * none) {@code save} always reads the parent {@code FOR UPDATE}.
 *
 * <h2>One successor per parent</h2>
 * A successor needs a consumed parent ({@code IllegalArgumentException} otherwise: a rotation is
 * {@code consume(parent)} then {@code save(child, parent)}), and a parent has at most one: the
 * unique index on {@code parent_digest} (schema version 2) refuses a second child in the engine,
 * whatever the code path. The insert that finds a sibling reports {@code AlreadyConsumedException}
 * carrying the parent (it was rotated already) without failing the caller's transaction (see
 * {@code RefreshTokenRows.insertSuccessor}). Concurrent saves of successors of one parent queue on
 * the parent's row lock; the first inserts, the others find its child.
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

    /**
     * The transaction resource (synchronization registry) holding, by digest, the refresh-token
     * rows the current transaction consumed, and so holds locked, since its last revocation. One
     * key for every store of the JVM so that a revocation through any of them forgets every row;
     * each entry names the store (and so the database) that locked it.
     */
    private static final Object LOCKED = new Object();

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
            RefreshTokenEntity row = RefreshTokenEntity.of(token, digest, null, digest);
            jpa.sql(NAME, "save", c -> RefreshTokenRows.insert(c, row));
            return;
        }
        String parentDigest = jpa.digest(KIND, parentToken);
        LocalDateTime now = jpa.dbNow();
        jpa.sql(NAME, "save", c -> {
            // the parent check and the insert are one atomic step: the lock is held until commit
            RefreshTokenEntity parent = lockedByThisTransaction(parentDigest);
            if (parent == null) {
                parent = RefreshTokenRows.select(c, RefreshTokenRows.SELECT_FOR_UPDATE, parentDigest);
            }
            if (parent == null || !jpa.matches(KIND, parentToken, parent.digest()) || !parent.liveAt(now)) {
                throw new IllegalArgumentException("the parent refresh token is unknown or expired");
            }
            if (parent.revoked()) {
                throw new AlreadyConsumedException("the parent refresh token is revoked; its successor is not issued",
                        parent.toRecord(parentToken));
            }
            if (!parent.consumed()) {
                throw new IllegalArgumentException("the parent refresh token is not consumed; consume the parent first"
                        + " (consume(parent) then save(child, parent), normally in one transaction)");
            }
            if (!parent.clientId().equals(token.clientId()) || !parent.grantId().equals(token.grantId())) {
                throw new IllegalArgumentException("a rotated refresh token must keep its parent's client and grant");
            }
            if (!parent.scopes().containsAll(token.scopes())) {
                throw new IllegalArgumentException("a rotated refresh token must not widen its parent's scopes");
            }
            RefreshTokenEntity child = RefreshTokenEntity.of(token, digest, parentDigest, parent.rootDigest());
            if (!RefreshTokenRows.insertSuccessor(c, jpa.dialect(), child)) {
                throw new AlreadyConsumedException("the parent refresh token already has a successor (it was rotated"
                        + " before); its second successor is not issued", parent.toRecord(parentToken));
            }
            return null;
        });
    }

    @Override
    public Optional<RefreshToken> find(String token) {
        String digest = jpa.digest(KIND, token);
        LocalDateTime now = jpa.dbNow();
        return jpa.sql(NAME, "find", c -> Optional.ofNullable(
                        RefreshTokenRows.select(c, RefreshTokenRows.SELECT, digest))
                .filter(e -> jpa.matches(KIND, token, e.digest()) && e.liveAt(now))
                .map(e -> e.toRecord(token)));
    }

    /**
     * As {@code JpaAuthorizationCodeStore.consume}; a revoked token is never redeemable either. The
     * winner remembers, for the rest of its transaction, the row it now holds locked (see the class
     * comment, "Rotation within one transaction").
     */
    @Override
    public Optional<RefreshToken> consume(String token) {
        String digest = jpa.digest(KIND, token);
        LocalDateTime now = jpa.dbNow();
        return jpa.sql(NAME, "consume", c -> {
            RefreshTokenEntity e;
            boolean won;
            if (jpa.dialect() == Dialect.POSTGRESQL) {
                e = RefreshTokenRows.consumeReturning(c, digest, now);
                won = e != null;
            } else {
                won = RefreshTokenRows.consumeUpdate(c, digest, now) == 1;
                e = won ? RefreshTokenRows.select(c, RefreshTokenRows.SELECT, digest) : null;
            }
            if (!won) {
                e = RefreshTokenRows.select(c, RefreshTokenRows.SELECT_FOR_UPDATE, digest);
            }
            if (e == null || !jpa.matches(KIND, token, e.digest()) || !e.liveAt(now)) {
                return Optional.<RefreshToken>empty();
            }
            if (won) {
                rememberLocked(e);
                return Optional.of(e.toRecord(token));
            }
            if (e.consumed() || e.revoked()) {
                throw new AlreadyConsumedException("refresh token already used or revoked (replay); revoke its grant",
                        e.toRecord(token));
            }
            throw new ConflictException("refresh token changed concurrently; retry");
        });
    }

    /**
     * The row of {@code digest} when this transaction's winning {@link #consume} (of this store)
     * locked it and no revocation ran in this transaction since; else {@code null} (read it
     * {@code FOR UPDATE}).
     */
    private RefreshTokenEntity lockedByThisTransaction(String digest) {
        if (jpa.txResource(LOCKED) instanceof Map<?, ?> locked && locked.get(digest) instanceof Locked l
                && l.store() == this) {
            return l.row();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private void rememberLocked(RefreshTokenEntity row) {
        Object held = jpa.txResource(LOCKED);
        Map<String, Locked> locked;
        if (held instanceof Map<?, ?> m) {
            locked = (Map<String, Locked>) m;
        } else {
            locked = new ConcurrentHashMap<>(4);
            if (!jpa.putTxResource(LOCKED, locked)) {
                return;
            }
        }
        locked.put(row.digest(), new Locked(this, row));
    }

    /**
     * A revocation in this transaction may change remembered rows: forget them all, whichever
     * store of this JVM remembered them (so they are read again).
     */
    private void forgetLocked() {
        if (jpa.txResource(LOCKED) instanceof Map<?, ?> locked) {
            locked.clear();
        }
    }

    /** A refresh-token row that {@code store}'s winning consume locked in the current transaction. */
    private record Locked(JpaRefreshTokenStore store, RefreshTokenEntity row) {
    }

    @Override
    public int revokeChain(String token) {
        String digest = jpa.digest(KIND, token);
        return jpa.tx(NAME, "revokeChain", em -> {
            forgetLocked();
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
            forgetLocked();
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
