package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.AuthorizationCodeRow;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

/** Authorization codes on {@code oidc_authorization_code}, by digest. */
public final class JpaAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final String NAME = "authorization-codes";
    private static final StoreKind KIND = StoreKind.AUTHORIZATION_CODES;
    /** What the GC deletes: codes past their expiry. */
    public static final Sweep SWEEP = Sweep.expiresAt(KIND, "oidc_authorization_code", "code_digest");

    private static final String INSERT = "INSERT INTO oidc_authorization_code (" + AuthorizationCodeRow.COLUMNS
            + ") VALUES (" + Sql.marks(AuthorizationCodeRow.COLUMN_COUNT) + ")";

    private final TxRunner tx;
    private final StoreContext ctx;
    /** The statements by digest: one per lookup whatever the number of peppers ({@code Sql.digestIn}). */
    private final String select;
    private final String selectForUpdate;
    private final String consume;
    /** {@link #select} with the grant's context row ({@link ContextRowsRead}). */
    private final String selectWithContext;
    private final ContextRowsRead contexts;
    /** {@link #consume} of a row a lookup just read: by that row's digest and creation instant. */
    private final String consumeFound;
    private final RecentlyFound<AuthorizationCodeRow> found = new RecentlyFound<>();

    public JpaAuthorizationCodeStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        this.contexts = new ContextRowsRead(tx);
        this.selectWithContext = ContextRowsRead.joinedSelect("oidc_authorization_code", AuthorizationCodeRow.COLUMNS,
                "code_digest", ctx.digestCount());
        String byDigest = Sql.digestIn("code_digest", ctx.digestCount());
        this.select = "SELECT " + AuthorizationCodeRow.COLUMNS + " FROM oidc_authorization_code WHERE " + byDigest;
        this.selectForUpdate = select + " FOR UPDATE";
        this.consume = "UPDATE oidc_authorization_code SET consumed_at = ? WHERE " + byDigest
                + " AND consumed_at IS NULL AND expires_at > ?";
        this.consumeFound = "UPDATE oidc_authorization_code SET consumed_at = ? WHERE code_digest = ?"
                + " AND created_at = ? AND consumed_at IS NULL AND expires_at > ?";
    }

    @Override
    public void save(AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        if (code.consumedAt() != null) {
            throw new IllegalArgumentException("a newly issued authorization code must not be consumed");
        }
        AuthorizationCodeRow row = AuthorizationCodeRow.of(code, ctx.digest(KIND, code.code()));
        tx.sql(NAME, "save", c -> Sql.insert(c, INSERT, row::bind));
    }

    @Override
    public Optional<AuthorizationCode> find(String code) {
        Objects.requireNonNull(code, "code");
        if (!Arguments.isStorableId(code)) {
            return Optional.empty(); // never stored, and its digest may be a look-alike's
        }
        List<String> digests = ctx.digests(KIND, code);
        LocalDateTime now = ctx.dbNow();
        // in the caller's transaction, the grant's context row comes along for a lookup that follows
        boolean withContext = tx.inCallerTransaction();
        return tx.sql(NAME, "find", c -> Optional.ofNullable(withContext
                        ? contexts.selectJoined(c, selectWithContext, digests, AuthorizationCodeRow.COLUMN_COUNT,
                                AuthorizationCodeRow::read, AuthorizationCodeRow::grantId)
                        : select(c, select, digests))
                .filter(e -> ctx.matches(KIND, code, e.digest())
                        && Expiry.isLive(e.expiresAt(), Times.instant(now)))
                .map(e -> {
                    if (!e.consumed() && ctx.dialect() != Dialect.POSTGRESQL) {
                        found.remember(e.digest(), e);
                    }
                    return e.toRecord(code);
                }));
    }

    /**
     * One conditional UPDATE decides the winner inside the engine: concurrent callers block on the
     * row lock and re-evaluate the condition after the winner commits, so exactly one sees a row
     * count of 1. The winner reads its row back: it holds the row's lock, so the read sees the row
     * as its own UPDATE left it (on PostgreSQL the UPDATE returns it, {@code RETURNING}, in the
     * same statement; after a lookup of this store found the row, it is that row, see
     * {@link RecentlyFound}). The losers then read the row with a lock, i.e. its latest committed version
     * (whatever snapshot the caller's transaction holds), to tell expired from consumed. Every
     * statement names the code by all its digests (one per pepper, {@code IN}), so a code written
     * under an older pepper is consumed by the same one statement, on the row it finds.
     *
     * <p>Plain JDBC on the transaction's connection ({@code TxRunner.sql}): the statements and the
     * decision are those the EclipseLink version ran, without its unit of work.
     */
    @Override
    public Optional<AuthorizationCode> consume(String code) {
        Objects.requireNonNull(code, "code");
        if (!Arguments.isStorableId(code)) {
            return Optional.empty();
        }
        List<String> digests = ctx.digests(KIND, code);
        LocalDateTime now = ctx.dbNow();
        // lost to a transaction on another database node: the replay answer when the code is now redeemed
        tx.claim(() -> tx.sql(NAME, "consume", c -> {
            AuthorizationCodeRow e = select(c, select, digests);
            return e != null && ctx.matches(KIND, code, e.digest()) && e.consumed()
                    ? new AlreadyConsumedException("authorization code redeemed by a concurrent transaction (replay);"
                            + " revoke its grant", e.toRecord(code))
                    : null;
        }));
        AuthorizationCodeRow looked = ctx.dialect() == Dialect.POSTGRESQL ? null : found.take(digests);
        return tx.sql(NAME, "consume", c -> {
            AuthorizationCodeRow e;
            boolean won;
            if (ctx.dialect() == Dialect.POSTGRESQL) {
                e = consumeReturning(c, digests, now);
                won = e != null;
            } else if (looked != null && consumeFound(c, looked, now) > 0) {
                e = looked.redeemedAt(Times.instant(now)); // the row a lookup read: see RecentlyFound
                won = true;
            } else {
                won = consumeUpdate(c, digests, now) > 0;
                e = won ? select(c, select, digests) : null;
            }
            if (!won) {
                e = select(c, selectForUpdate, digests);
            }
            if (e == null || !ctx.matches(KIND, code, e.digest())
                    || Expiry.isExpired(e.expiresAt(), Times.instant(now))) {
                return Optional.<AuthorizationCode>empty();
            }
            if (won) {
                return Optional.of(e.toRecord(code));
            }
            if (e.consumed()) {
                throw new AlreadyConsumedException("authorization code already redeemed (replay); revoke its grant",
                        e.toRecord(code));
            }
            throw new ConflictException("authorization code changed concurrently; retry");
        });
    }

    private int consumeUpdate(Connection c, List<String> digests, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(consume)) {
            bindConsume(ps, digests, now);
            return ps.executeUpdate();
        }
    }

    /** The conditional UPDATE of the one row {@code looked} (see {@link RecentlyFound}). */
    private int consumeFound(Connection c, AuthorizationCodeRow looked, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(consumeFound)) {
            Sql.setTimestamp(ps, 1, now);
            ps.setString(2, looked.digest());
            Sql.setInstant(ps, 3, looked.createdAt());
            Sql.setTimestamp(ps, 4, now);
            return ps.executeUpdate();
        }
    }

    /** PostgreSQL: the conditional UPDATE returning the row it changed (none: it lost). */
    private AuthorizationCodeRow consumeReturning(Connection c, List<String> digests, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(consume + " RETURNING " + AuthorizationCodeRow.COLUMNS)) {
            bindConsume(ps, digests, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? AuthorizationCodeRow.read(rs) : null;
            }
        }
    }

    private static void bindConsume(PreparedStatement ps, List<String> digests, LocalDateTime now)
            throws SQLException {
        Sql.setTimestamp(ps, 1, now);
        Sql.setTimestamp(ps, Sql.bindAll(ps, 2, digests), now);
    }

    private static AuthorizationCodeRow select(Connection c, String sql, List<String> digests)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bindAll(ps, 1, digests);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? AuthorizationCodeRow.read(rs) : null;
            }
        }
    }

    /** One {@code DELETE ... WHERE subject = ?} over the subject's index; expired rows counted too. */
    @Override
    public int eraseSubject(String subject) {
        return SubjectRows.deleteAll(tx, NAME, "oidc_authorization_code", "subject", subject);
    }
}
