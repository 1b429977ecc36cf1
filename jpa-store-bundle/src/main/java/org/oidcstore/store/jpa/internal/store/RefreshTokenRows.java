package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
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
    static final String CONSUME = "UPDATE oidc_refresh_token SET consumed_at = ? WHERE token_digest = ?"
            + " AND consumed_at IS NULL AND revoked = FALSE AND expires_at > ?";

    private RefreshTokenRows() {
    }

    static int insert(Connection c, RefreshTokenEntity row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            row.bind(ps);
            return ps.executeUpdate();
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
