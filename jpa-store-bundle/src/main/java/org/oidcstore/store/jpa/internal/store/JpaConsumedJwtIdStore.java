package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;

/**
 * JWT-ID replay markers on {@code oidc_consumed_jti}, by digest.
 *
 * <p>A mark wins when it inserts the marker or replaces an expired one, decided in the engine:
 * <ul>
 *   <li>PostgreSQL: one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expires_at <= now}; its
 *       row count is 1 exactly when it inserted or replaced, 0 when a live marker stands.</li>
 *   <li>MariaDB and H2: {@code UPDATE ... WHERE expires_at <= now} (replace an expired marker;
 *       concurrent replacers serialize on the row lock and re-check), else {@code INSERT}, whose
 *       duplicate-key error means a live marker exists or a concurrent mark inserted it first.
 *       The update comes first because InnoDB's duplicate check leaves shared locks that would
 *       make two "insert, then update" racers deadlock. Under REPEATABLE READ the update's gap
 *       lock can still deadlock two racers on a fresh id; the Java SE pool runs READ COMMITTED,
 *       and a deadlock in an own transaction is retried. The statements run over plain JDBC so
 *       the expected duplicate-key error does not doom the caller's transaction.</li>
 * </ul>
 *
 * <p><b>Pepper rotation.</b> A mark writes the digest of the newest pepper; a live marker under
 * any older pepper's digest is a replay too. PostgreSQL folds that check into its one statement
 * ({@code INSERT ... SELECT ... WHERE NOT EXISTS}); MariaDB and H2 run it as one more statement
 * before theirs, only while several peppers are configured. The single winner among marks of one
 * configuration is still decided on the newest digest's key. {@link #isMarked} is one statement
 * over every digest.
 *
 * <p>Liveness is judged at {@code expires_at} by the store clock; the GC keeps a marker until
 * {@code expires_at + oidc.store.jwt-id-clock-skew} (see {@code JpaGarbageCollector}).
 */
public final class JpaConsumedJwtIdStore implements ConsumedJwtIdStore {
    private static final String NAME = "consumed-jwt-ids";
    private static final StoreKind KIND = StoreKind.CONSUMED_JWT_IDS;
    /**
     * What the GC deletes: a marker is kept for the clock-skew allowance past its expiry, so a node
     * whose clock lags still sees it while, by that node's clock, the JWT is valid (see the API).
     */
    public static final Sweep SWEEP = new Sweep(KIND, "oidc_consumed_jti", "jti_digest", "expires_at <= ?2");

    private final TxRunner tx;
    private final StoreContext ctx;
    private final String isMarked;
    /** A live marker under an older pepper's digest ({@code null} with one pepper). */
    private final String olderLive;
    private final String markPostgres;

    public JpaConsumedJwtIdStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        int n = ctx.digestCount();
        this.isMarked = "SELECT jti_digest FROM oidc_consumed_jti WHERE " + Sql.digestIn("jti_digest", n)
                + " AND expires_at > ?";
        this.olderLive = n == 1 ? null : "SELECT jti_digest FROM oidc_consumed_jti WHERE "
                + Sql.digestIn("jti_digest", n - 1) + " AND expires_at > ?";
        this.markPostgres = "INSERT INTO oidc_consumed_jti (jti_digest, expires_at) "
                + (n == 1 ? "VALUES (?, ?)" : "SELECT ?, ? WHERE NOT EXISTS (" + olderLive + ")")
                + " ON CONFLICT (jti_digest) DO UPDATE SET expires_at = EXCLUDED.expires_at"
                + " WHERE oidc_consumed_jti.expires_at <= ?";
    }

    @Override
    public void mark(String jti, Instant expiresAt) {
        Arguments.id(jti, "jti");
        Instant nowInstant = ctx.now();
        LocalDateTime exp = Times.db(Arguments.futureInstant(expiresAt, "expiresAt", nowInstant));
        LocalDateTime now = Times.db(nowInstant);
        List<String> digests = ctx.digests(KIND, jti);
        List<String> older = digests.subList(1, digests.size());
        // lost to a transaction on another database node: a replay when the ID is now marked
        tx.claim(() -> tx.sql(NAME, "mark", c -> exists(c, isMarked, digests, now)
                ? new AlreadyConsumedException("JWT ID marked by a concurrent transaction (replay)") : null));
        boolean won = tx.sql(NAME, "mark", c -> {
            if (ctx.dialect() == Dialect.POSTGRESQL) {
                try (PreparedStatement ps = c.prepareStatement(markPostgres)) {
                    ps.setString(1, digests.get(0));
                    Sql.setTimestamp(ps, 2, exp);
                    int next = 3;
                    if (!older.isEmpty()) {
                        Sql.setTimestamp(ps, Sql.bindAll(ps, next, older), now);
                        next += older.size() + 1;
                    }
                    Sql.setTimestamp(ps, next, now);
                    return ps.executeUpdate() == 1;
                }
            }
            if (!older.isEmpty() && exists(c, olderLive, older, now)) {
                return false;
            }
            return markUpdateThenInsert(c, digests.get(0), exp, now);
        });
        if (!won) {
            throw new AlreadyConsumedException("JWT ID already used (replay)");
        }
    }

    private static boolean markUpdateThenInsert(Connection c, String digest, LocalDateTime exp, LocalDateTime now)
            throws SQLException {
        if (Sql.update(c, "UPDATE oidc_consumed_jti SET expires_at = ? WHERE jti_digest = ? AND expires_at <= ?",
                exp, digest, now) == 1) {
            return true;
        }
        try {
            return Sql.update(c, "INSERT INTO oidc_consumed_jti (jti_digest, expires_at) VALUES (?, ?)", digest, exp)
                    == 1;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /** {@code false} for an identifier that could never have been marked, without a statement. */
    @Override
    public boolean isMarked(String jti) {
        Objects.requireNonNull(jti, "jti");
        if (!Arguments.isStorableId(jti)) {
            return false;
        }
        List<String> digests = ctx.digests(KIND, jti);
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "isMarked", c -> exists(c, isMarked, digests, now));
    }

    /** Whether {@code sql} (digests, then {@code now}) finds a row. */
    private static boolean exists(Connection c, String sql, List<String> digests, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setTimestamp(ps, Sql.bindAll(ps, 1, digests), now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
