package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.jpa.internal.row.RefreshTokenRow;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;

/**
 * The plain-JDBC statements of {@link JpaRefreshTokenStore}, run on the connection of the caller's
 * JTA transaction. Plain JDBC because EclipseLink's unit of work adds a change-set computation and
 * a flush per call that these single-row statements do not need; the shared cache is off, so
 * nothing in EclipseLink goes stale. A token is looked up by all its digests (one per configured
 * pepper) in one statement; what is written always carries the digests of the row found.
 */
final class RefreshTokenRows {
    static final String INSERT = "INSERT INTO oidc_refresh_token (" + RefreshTokenRow.COLUMNS
            + ") VALUES (" + Sql.marks(RefreshTokenRow.COLUMN_COUNT) + ")";
    static final String SIBLING = "SELECT token_digest FROM oidc_refresh_token WHERE parent_digest = ?";
    /** Far above any real chain growth during one revocation; a guard against a bug, not a limit. */
    private static final int MAX_REVOCATION_PASSES = 1_000;

    private final Dialect dialect;
    private final String select;
    private final String selectForUpdate;
    private final String consume;
    /** {@link #consume} of the one row a lookup read, by its digest and creation instant ({@link RecentlyFound}). */
    private final String consumeFound = "UPDATE oidc_refresh_token SET consumed_at = ?" + RefreshRetryRows.CLEAR
            + " WHERE token_digest = ? AND created_at = ? AND consumed_at IS NULL AND revoked = FALSE AND expires_at > ?";

    RefreshTokenRows(Dialect dialect, int digests) {
        this.dialect = dialect;
        String byDigest = Sql.digestIn("token_digest", digests);
        this.select = "SELECT " + RefreshTokenRow.COLUMNS + " FROM oidc_refresh_token WHERE " + byDigest;
        this.selectForUpdate = select + " FOR UPDATE";
        this.consume = "UPDATE oidc_refresh_token SET consumed_at = ?" + RefreshRetryRows.CLEAR + " WHERE " + byDigest
                + " AND consumed_at IS NULL AND revoked = FALSE AND expires_at > ?";
    }

    static int insert(Connection c, RefreshTokenRow row) throws SQLException {
        return Sql.insert(c, INSERT, row::bind);
    }

    /**
     * Inserts the successor of a parent; {@code false} when the parent already has one. The unique
     * index on {@code parent_digest} decides (schema version 2). PostgreSQL: {@code ON CONFLICT
     * (parent_digest) DO NOTHING}, whose row count 0 means a sibling exists, without failing the
     * statement (a failed statement would abort the whole transaction there); a duplicate token
     * digest still fails on the primary key. MariaDB and H2 roll back only the failed statement, so
     * the duplicate-key error is caught and the sibling looked up to tell which key it was; a
     * duplicate token digest is rethrown. The caller holds the parent's row lock, which every
     * successor insert of the tier takes first, so a sibling found here is committed (READ
     * COMMITTED, as the README asks MariaDB data sources to be).
     */
    boolean insertSuccessor(Connection c, RefreshTokenRow row) throws SQLException {
        return insertSuccessor(c, row, INSERT, row::bind);
    }

    /**
     * {@link #insertSuccessor(Connection, RefreshTokenRow)} with another insert of the row
     * ({@code insert}, binding {@code binder}): the successor with its parent's retry response.
     */
    boolean insertSuccessor(Connection c, RefreshTokenRow row, String insert, Sql.Binder binder) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement(insert + " ON CONFLICT (parent_digest) DO NOTHING")) {
                binder.bind(ps);
                return ps.executeUpdate() == 1;
            }
        }
        try {
            return Sql.insert(c, insert, binder) == 1;
        } catch (SQLException e) {
            if (!Sql.isDuplicate(e)) {
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement(SIBLING)) {
                ps.setString(1, row.parentDigest());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            throw e;
        }
    }

    /**
     * The conditional UPDATE of a consume: the row it changed, or {@code null} when it lost.
     * PostgreSQL returns the row from the same statement; elsewhere the winner reads it back under
     * the lock its UPDATE holds. {@code looked}, when not {@code null}, is the row a lookup just
     * read (never on PostgreSQL): its own conditional UPDATE runs first, and when it wins the row is
     * {@code looked} redeemed now, with no read back ({@link RecentlyFound}).
     */
    RefreshTokenRow consumeWinner(Connection c, List<String> digests, LocalDateTime now, RefreshTokenRow looked)
            throws SQLException {
        if (looked != null) {
            try (PreparedStatement ps = c.prepareStatement(consumeFound)) {
                Sql.setTimestamp(ps, 1, now);
                ps.setString(2, looked.digest());
                Sql.setInstant(ps, 3, looked.createdAt());
                Sql.setTimestamp(ps, 4, now);
                if (ps.executeUpdate() > 0) {
                    return looked.redeemedAt(Times.instant(now));
                }
            }
        }
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement(consume + " RETURNING " + RefreshTokenRow.COLUMNS)) {
                bindConsume(ps, digests, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? RefreshTokenRow.read(rs) : null;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(consume)) {
            bindConsume(ps, digests, now);
            if (ps.executeUpdate() == 0) {
                return null;
            }
        }
        return select(c, digests, false);
    }

    private static void bindConsume(PreparedStatement ps, List<String> digests, LocalDateTime now)
            throws SQLException {
        Sql.setTimestamp(ps, 1, now);
        Sql.setTimestamp(ps, Sql.bindAll(ps, 2, digests), now);
    }

    /**
     * The checks of a successor's parent, found and locked: not revoked ({@link AlreadyConsumedException}:
     * a revoked parent is not redeemable), consumed, same client and grant, no wider scopes.
     */
    static void checkParentOf(RefreshToken child, RefreshTokenRow parent, String parentToken) {
        if (parent.revoked()) {
            throw new AlreadyConsumedException("the parent refresh token is revoked; its successor is not issued",
                    parent.toRecord(parentToken));
        }
        if (!parent.consumed()) {
            throw new IllegalArgumentException("the parent refresh token is not consumed; consume the parent first"
                    + " (consume(parent) then save(child, parent), normally in one transaction)");
        }
        if (!parent.clientId().equals(child.clientId()) || !parent.grantId().equals(child.grantId())) {
            throw new IllegalArgumentException("a rotated refresh token must keep its parent's client and grant");
        }
        if (!parent.scopeSet().containsAll(child.scopes())) {
            throw new IllegalArgumentException("a rotated refresh token must not widen its parent's scopes");
        }
    }

    /** The row of a token by any of its digests, {@code FOR UPDATE} when {@code lock}; {@code null} when none. */
    RefreshTokenRow select(Connection c, List<String> digests, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(lock ? selectForUpdate : select)) {
            Sql.bindAll(ps, 1, digests);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? RefreshTokenRow.read(rs) : null;
            }
        }
    }

    /** See {@link JpaRefreshTokenStore}, "Rotation racing revocation": revoke, until a pass changes nothing. */
    static int revokeUntilStable(Connection c, String column, String value) throws SQLException {
        int total = 0;
        for (int pass = 0; pass < MAX_REVOCATION_PASSES; pass++) {
            int n = Sql.update(c, "UPDATE oidc_refresh_token SET revoked = TRUE" + RefreshRetryRows.CLEAR + " WHERE " + column
                    + " = ? AND revoked = FALSE", value);
            if (n == 0) {
                return total;
            }
            total += n;
        }
        throw new ConflictException("refresh tokens kept being issued during revocation; retry");
    }

    /** The distinct grants of the client's unrevoked tokens, ascending (the client-id index). */
    List<String> unrevokedGrantsOfClient(Connection c, String clientId) throws SQLException {
        List<String> grants = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT grant_id FROM oidc_refresh_token"
                + " WHERE client_id = ? AND revoked = FALSE ORDER BY grant_id")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grants.add(rs.getString(1));
                }
            }
        }
        return grants;
    }

    /**
     * Locks the grant's row of {@code oidc_refresh_token_lock}, creating it if needed, in one
     * statement that always takes the row lock (an upsert that updates on conflict); on H2, whose
     * {@code MERGE} is not atomic under races, as "lock; else insert; if a concurrent insert won,
     * lock", the expected duplicate key caught so that it does not doom the transaction.
     */
    void lockGrantRow(Connection c, String grantId) throws SQLException {
        switch (dialect) {
            case POSTGRESQL -> Sql.update(c, "INSERT INTO oidc_refresh_token_lock (grant_id) VALUES (?)"
                    + " ON CONFLICT (grant_id) DO UPDATE SET grant_id = EXCLUDED.grant_id", grantId);
            case MARIADB -> Sql.update(c, "INSERT INTO oidc_refresh_token_lock (grant_id) VALUES (?)"
                    + " ON DUPLICATE KEY UPDATE grant_id = VALUES(grant_id)", grantId);
            case H2 -> {
                String lock = "UPDATE oidc_refresh_token_lock SET grant_id = grant_id WHERE grant_id = ?";
                if (Sql.update(c, lock, grantId) == 1) {
                    return;
                }
                try {
                    Sql.update(c, "INSERT INTO oidc_refresh_token_lock (grant_id) VALUES (?)", grantId);
                } catch (SQLException dup) {
                    if (!Sql.isDuplicate(dup)) {
                        throw dup;
                    }
                    Sql.update(c, lock, grantId);
                }
            }
        }
    }
}
