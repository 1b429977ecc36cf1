package org.oidcstore.store.jpa.internal.runtime;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Native SQL the stores need where JPQL has no equivalent (upserts, ordered row locks). */
public final class Sql {
    private Sql() {
    }

    /**
     * "Insert or replace" of one row keyed by {@code columns[0]}, as one statement: PostgreSQL
     * {@code ON CONFLICT DO UPDATE}, MariaDB {@code ON DUPLICATE KEY UPDATE}, H2 {@code MERGE ... KEY}.
     */
    public static String upsert(Dialect dialect, String table, String... columns) {
        String cols = String.join(", ", columns);
        String marks = Arrays.stream(columns).map(c -> "?").collect(Collectors.joining(", "));
        String[] rest = Arrays.copyOfRange(columns, 1, columns.length);
        return switch (dialect) {
            case POSTGRESQL -> "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT ("
                    + columns[0] + ") DO UPDATE SET " + Arrays.stream(rest).map(c -> c + " = EXCLUDED." + c)
                    .collect(Collectors.joining(", "));
            case MARIADB -> "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON DUPLICATE KEY UPDATE "
                    + Arrays.stream(rest).map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
            case H2 -> "MERGE INTO " + table + " (" + cols + ") KEY (" + columns[0] + ") VALUES (" + marks + ")";
        };
    }

    /** Runs a native statement through EclipseLink with positional parameters; returns the row count. */
    public static int update(EntityManager em, String sql, Object... parameters) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            q.setParameter(i + 1, parameters[i]);
        }
        return q.executeUpdate();
    }

    /** Runs a statement over plain JDBC (see {@link TxRunner#jdbc}); returns the row count. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** Binds the parameters of a prepared statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs one insert over plain JDBC (see {@link TxRunner#sql}); returns the row count. */
    public static int insert(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /**
     * Binds a string or SQL {@code NULL} typed as a character value (PostgreSQL refuses an untyped
     * {@code NULL} only where the column type cannot be inferred; a typed one is always accepted).
     */
    public static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /**
     * Binds a UTC wall-clock instant as {@link LocalDateTime} through JDBC 4.2 {@code setObject},
     * which involves no time zone, exactly as the tier's EclipseLink platforms do
     * ({@code boot.PlatformSupport}).
     */
    public static void setTimestamp(PreparedStatement ps, int index, LocalDateTime value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setObject(index, value);
        }
    }

    /** {@link #setTimestamp} of an instant, as stored: its UTC wall-clock time ({@link Times#db}). */
    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        setTimestamp(ps, index, Times.db(value));
    }

    /** {@link #getTimestamp} as an instant ({@link Times#instant}); {@code null} for SQL {@code NULL}. */
    public static Instant getInstant(ResultSet rs, int column) throws SQLException {
        return Times.instant(getTimestamp(rs, column));
    }

    /** Reads a timestamp column as {@link LocalDateTime}, no time zone involved ({@code boot.PlatformSupport}). */
    public static LocalDateTime getTimestamp(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    /** {@code ?, ?, …}: {@code n} parameter markers. */
    public static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * The condition that a digest column holds one of {@code n} digests (one per configured pepper,
     * {@code StoreContext.digests}): {@code column = ?} for one, {@code column IN (?, ?, …)} for several, so
     * a lookup during a pepper rotation is still one statement.
     */
    public static String digestIn(String column, int n) {
        return n == 1 ? column + " = ?" : column + " IN (" + marks(n) + ")";
    }

    /**
     * {@link #digestIn} in JPQL: {@code path = :digests} for one digest, {@code path IN :digests}
     * for several; bind with {@link #digests}.
     */
    public static String jpqlDigestIn(String path, int n) {
        return n == 1 ? path + " = :digests" : path + " IN :digests";
    }

    /** Binds the digests of {@link #jpqlDigestIn}. */
    public static <Q extends Query> Q digests(Q query, java.util.List<String> digests) {
        query.setParameter("digests", digests.size() == 1 ? digests.get(0) : digests);
        return query;
    }

    /** Binds {@code values} as strings from parameter {@code first}; returns the next parameter index. */
    public static int bindAll(PreparedStatement ps, int first, java.util.List<String> values) throws SQLException {
        int i = first;
        for (String v : values) {
            ps.setString(i++, v);
        }
        return i;
    }

    /** Whether {@code e} is a duplicate-key violation. */
    public static boolean isDuplicate(SQLException e) {
        return JpaExceptions.classify(e) == JpaExceptions.Kind.DUPLICATE;
    }
}
