package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.oidcstore.store.jpa.internal.Dialect;
import org.oidcstore.store.jpa.internal.Sql;
import org.oidcstore.store.jpa.internal.entity.RefreshTokenEntity;

/**
 * The plain-JDBC statements of {@link JpaRefreshTokenStore}'s hot path (save, find, consume), run
 * on the connection of the caller's JTA transaction. Plain JDBC because EclipseLink's unit of work
 * adds a change-set computation and a flush per call that these single-row statements do not need;
 * the shared cache is off, so nothing in EclipseLink goes stale.
 */
final class RefreshTokenRows {
    static final String INSERT = "INSERT INTO oidc_refresh_token (" + RefreshTokenEntity.COLUMNS
            + ") VALUES (" + Sql.marks(RefreshTokenEntity.COLUMN_COUNT) + ")";
    static final String SELECT = "SELECT " + RefreshTokenEntity.COLUMNS
            + " FROM oidc_refresh_token WHERE token_digest = ?";
    static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
    static final String SIBLING = "SELECT token_digest FROM oidc_refresh_token WHERE parent_digest = ?";
    static final String CONSUME = "UPDATE oidc_refresh_token SET consumed_at = ? WHERE token_digest = ?"
            + " AND consumed_at IS NULL AND revoked = FALSE AND expires_at > ?";

    private RefreshTokenRows() {
    }

    static int insert(Connection c, RefreshTokenEntity row) throws SQLException {
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
    static boolean insertSuccessor(Connection c, Dialect dialect, RefreshTokenEntity row) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement(INSERT + " ON CONFLICT (parent_digest) DO NOTHING")) {
                row.bind(ps);
                return ps.executeUpdate() == 1;
            }
        }
        try {
            return insert(c, row) == 1;
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

    static int consumeUpdate(Connection c, String digest, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONSUME)) {
            bindConsume(ps, digest, now);
            return ps.executeUpdate();
        }
    }

    /** PostgreSQL: the conditional UPDATE returning the row it changed (none: it lost). */
    static RefreshTokenEntity consumeReturning(Connection c, String digest, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONSUME + " RETURNING " + RefreshTokenEntity.COLUMNS)) {
            bindConsume(ps, digest, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? RefreshTokenEntity.read(rs) : null;
            }
        }
    }

    static void bindConsume(PreparedStatement ps, String digest, LocalDateTime now) throws SQLException {
        Sql.setTimestamp(ps, 1, now);
        ps.setString(2, digest);
        Sql.setTimestamp(ps, 3, now);
    }

    static RefreshTokenEntity select(Connection c, String sql, String digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? RefreshTokenEntity.read(rs) : null;
            }
        }
    }
}
