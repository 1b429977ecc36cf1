package org.oidcstore.store.jpa.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.RefreshTokenRow;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

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
 * A {@code save} after this transaction's winning {@link #consume} of the parent reuses the row that
 * consume locked and read, instead of reading it again {@code FOR UPDATE}: see {@link LockedParents}.
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
 * Revocations of one grant queue on that grant's lock row; see {@link RefreshTokenRevocations}.
 *
 * <h2>Pepper rotation</h2>
 * A token is found by any of its digests (one per configured pepper, in one statement), and a
 * successor records the digests of the parent row found ({@code parent_digest}, {@code
 * root_digest}), never the parent recomputed under the newest pepper: the unique index on
 * {@code parent_digest} then sees every successor of one parent, whichever node saved it.
 *
 * <h2>Rotation grace</h2>
 * {@link #saveWithRetryResponse} is {@code save} whose successor insert also carries the parent's
 * response: see {@link RefreshRetryRows} for why it lives on the successor's row.
 */
public final class JpaRefreshTokenStore implements RefreshRetryResponses {
    private static final String NAME = "refresh-tokens";
    private static final StoreKind KIND = StoreKind.REFRESH_TOKENS;
    /**
     * What the GC deletes: a refresh token stays while a refresh token of its grant is live, so that
     * revoking a chain from an expired member still reaches the live descendants. MariaDB refuses a
     * subquery on the table a DELETE targets; a chain that got a live member between select and
     * delete can only be a new chain (a rotation needs a live parent), so re-checking the expiry
     * alone is enough.
     */
    public static final Sweep SWEEP = new Sweep(KIND, "oidc_refresh_token", "token_digest",
            "expires_at <= ?1 AND NOT EXISTS (SELECT 1 FROM oidc_refresh_token live"
                    + " WHERE live.grant_id = oidc_refresh_token.grant_id AND live.expires_at > ?1)",
            "expires_at <= ?1", Duration.ZERO);
    /** Revocation lock rows of grants without refresh tokens; bookkeeping, not counted. */
    public static final Sweep LOCK_SWEEP = new Sweep(null, "oidc_refresh_token_lock", "grant_id",
            "NOT EXISTS (SELECT 1 FROM oidc_refresh_token t WHERE t.grant_id = oidc_refresh_token_lock.grant_id)");

    private final TxRunner tx;
    private final StoreContext ctx;
    private final RefreshTokenRows rows;
    private final RefreshRetryRows retries;
    private final LockedParents locked;
    private final RefreshTokenRevocations revocations;
    private final ContextRowsRead contexts;
    /** The lookup by digest with the grant's context row ({@link ContextRowsRead}). */
    private final String selectWithContext;
    private final RecentlyFound<RefreshTokenRow> found = new RecentlyFound<>();

    public JpaRefreshTokenStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        this.rows = new RefreshTokenRows(ctx.dialect(), ctx.digestCount());
        this.retries = new RefreshRetryRows(ctx.digestCount());
        this.locked = new LockedParents(tx, this);
        this.revocations = new RefreshTokenRevocations(NAME, KIND, tx, ctx, rows, locked);
        this.contexts = new ContextRowsRead(tx);
        this.selectWithContext = ContextRowsRead.joinedSelect("oidc_refresh_token", RefreshTokenRow.COLUMNS,
                "token_digest", ctx.digestCount());
    }

    @Override
    public void save(RefreshToken token, String parentToken) {
        checkNew(token);
        String digest = ctx.digest(KIND, token.token());
        if (parentToken == null) {
            RefreshTokenRow row = RefreshTokenRow.of(token, digest, null, digest);
            tx.sql(NAME, "save", c -> RefreshTokenRows.insert(c, row));
            return;
        }
        Arguments.id(parentToken, "parentToken"); // unstorable: no such parent, and nothing is written
        saveSuccessor("save", token, digest, parentToken, (parent, child) -> null);
    }

    @Override
    public void saveWithRetryResponse(RefreshToken successor, String parentToken, byte[] sealedResponse,
            Instant retainUntil) {
        Instant until = Arguments.retryResponse(parentToken, sealedResponse, retainUntil);
        checkNew(successor);
        byte[] response = sealedResponse.clone();
        saveSuccessor("saveWithRetryResponse", successor, ctx.digest(KIND, successor.token()), parentToken,
                (parent, child) -> RefreshRetryRows.bind(child, ctx.sealBytes(KIND, response, parent.digest()),
                        until.isBefore(parent.expiresAt()) ? until : parent.expiresAt()));
    }

    private static void checkNew(RefreshToken token) {
        Objects.requireNonNull(token, "token");
        if (token.consumedAt() != null || token.revoked()) {
            throw new IllegalArgumentException("a newly issued refresh token must be neither consumed nor revoked");
        }
    }

    /** How a successor's row is inserted: {@code null} for the plain insert, else the binder of {@link RefreshRetryRows#INSERT}. */
    @FunctionalInterface
    private interface SuccessorInsert {
        Sql.Binder binder(RefreshTokenRow parent, RefreshTokenRow child);
    }

    /** The successor save of {@code save} and {@code saveWithRetryResponse}: every check, then one insert. */
    private void saveSuccessor(String operation, RefreshToken token, String digest, String parentToken,
            SuccessorInsert insert) {
        List<String> parentDigests = ctx.digests(KIND, parentToken);
        LocalDateTime now = ctx.dbNow();
        tx.claim(replayVerdict(parentToken, parentDigests));
        tx.sql(NAME, operation, c -> {
            // the parent check and the insert are one atomic step: the lock is held until commit
            RefreshTokenRow parent = locked.find(parentDigests);
            if (parent == null) {
                parent = rows.select(c, parentDigests, true);
            }
            if (parent == null || !ctx.matches(KIND, parentToken, parent.digest())
                    || Expiry.isExpired(parent.expiresAt(), Times.instant(now))) {
                throw new IllegalArgumentException("the parent refresh token is unknown or expired");
            }
            RefreshTokenRows.checkParentOf(token, parent, parentToken);
            RefreshTokenRow child = RefreshTokenRow.of(token, digest, parent.digest(), parent.rootDigest());
            Sql.Binder binder = insert.binder(parent, child);
            boolean inserted = binder == null ? rows.insertSuccessor(c, child)
                    : rows.insertSuccessor(c, child, RefreshRetryRows.INSERT, binder);
            if (!inserted) {
                throw new AlreadyConsumedException("the parent refresh token already has a successor (it was rotated"
                        + " before); its second successor is not issued", parent.toRecord(parentToken));
            }
            return null;
        });
    }

    /**
     * One statement: the successor row of the presented parent, with the parent row, when every
     * condition of the API holds (see {@link RefreshRetryRows}); then the constant-time digest check
     * and the unseal (under any configured pepper; a response none opens is no response).
     */
    @Override
    public Optional<byte[]> findRetryResponse(String parentToken) {
        Objects.requireNonNull(parentToken, "parentToken");
        if (!Arguments.isStorableId(parentToken)) {
            return Optional.empty();
        }
        List<String> digests = ctx.digests(KIND, parentToken);
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "findRetryResponse", c -> Optional.ofNullable(retries.find(c, digests, now))
                .filter(f -> ctx.matches(KIND, parentToken, f.parentDigest()))
                .flatMap(f -> ctx.unsealBytes(KIND, f.sealed(), f.parentDigest())));
    }

    @Override
    public Optional<RefreshToken> find(String token) {
        Objects.requireNonNull(token, "token");
        if (!Arguments.isStorableId(token)) {
            return Optional.empty(); // never stored, and its digest may be a look-alike's
        }
        List<String> digests = ctx.digests(KIND, token);
        LocalDateTime now = ctx.dbNow();
        // in the caller's transaction, the grant's context row comes along for a lookup that follows
        boolean withContext = tx.inCallerTransaction();
        return tx.sql(NAME, "find", c -> Optional.ofNullable(withContext
                        ? contexts.selectJoined(c, selectWithContext, digests, RefreshTokenRow.COLUMN_COUNT,
                                RefreshTokenRow::read, RefreshTokenRow::grantId)
                        : rows.select(c, digests, false))
                .filter(e -> ctx.matches(KIND, token, e.digest()) && Expiry.isLive(e.expiresAt(), Times.instant(now)))
                .map(e -> {
                    if (!e.consumed() && !e.revoked() && ctx.dialect() != Dialect.POSTGRESQL) {
                        found.remember(e.digest(), e); // for the consume that follows
                    }
                    return e.toRecord(token);
                }));
    }

    /**
     * As {@code JpaAuthorizationCodeStore.consume}; a revoked token is never redeemable either. The
     * winner remembers, for the rest of its transaction, the row it now holds locked (see the class
     * comment, "Rotation within one transaction").
     */
    @Override
    public Optional<RefreshToken> consume(String token) {
        Objects.requireNonNull(token, "token");
        if (!Arguments.isStorableId(token)) {
            return Optional.empty();
        }
        List<String> digests = ctx.digests(KIND, token);
        LocalDateTime now = ctx.dbNow();
        tx.claim(replayVerdict(token, digests));
        RefreshTokenRow looked = ctx.dialect() == Dialect.POSTGRESQL ? null : found.take(digests);
        return tx.sql(NAME, "consume", c -> {
            RefreshTokenRow e = rows.consumeWinner(c, digests, now, looked);
            boolean won = e != null;
            if (!won) {
                e = rows.select(c, digests, true);
            }
            if (e == null || !ctx.matches(KIND, token, e.digest())
                    || Expiry.isExpired(e.expiresAt(), Times.instant(now))) {
                return Optional.<RefreshToken>empty();
            }
            if (won) {
                locked.remember(e);
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
     * For a transaction rolled back by a concurrent one on another database node: the replay answer
     * when {@code token} is now consumed or revoked (the other transaction won), else {@code null}.
     */
    private Supplier<RuntimeException> replayVerdict(String token, List<String> digests) {
        return () -> tx.sql(NAME, "consume", c -> {
            RefreshTokenRow e = rows.select(c, digests, false);
            if (e != null && ctx.matches(KIND, token, e.digest()) && (e.consumed() || e.revoked())) {
                return new AlreadyConsumedException("refresh token used or revoked by a concurrent transaction"
                        + " (replay); revoke its grant", e.toRecord(token));
            }
            return null;
        });
    }

    /** Every token of the chain, revoked until stable (see {@link RefreshTokenRevocations}). */
    @Override
    public int revokeChain(String token) {
        return revocations.chain(token);
    }

    /** An unstorable grant id names no grant: nothing to revoke, and no lock row is created for it. */
    @Override
    public int revokeByGrant(String grantId) {
        return revocations.grant(grantId);
    }

    /** Grant by grant, in ascending order, as {@link #revokeByGrant} (see {@link RefreshTokenRevocations#client}). */
    @Override
    public int revokeByClient(String clientId) {
        return revocations.client(clientId);
    }

    /**
     * Every chain of the subject, in any state, in one {@code DELETE ... WHERE subject = ?} (index
     * {@code oidc_refresh_token_subject_client_ix}); what a rotation stored with a token goes with
     * its row. The per-grant lock rows name no subject and stay.
     */
    @Override
    public int eraseSubject(String subject) {
        return SubjectRows.deleteAll(tx, NAME, "oidc_refresh_token", "subject", subject);
    }
}
