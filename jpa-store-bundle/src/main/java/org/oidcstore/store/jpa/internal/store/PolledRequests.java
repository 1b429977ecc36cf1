package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Predicate;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.jpa.internal.row.ApprovalColumns;
import org.oidcstore.store.jpa.internal.row.PolledRow;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.spi.Expiry;

/**
 * The statements both polled-request kinds (device authorizations, CIBA requests) run on their
 * table, plain JDBC on the transaction's connection. Every change is <b>one conditional
 * {@code UPDATE}</b> on the rows whose key column holds one of the presented secret's digests
 * ({@code Sql.digestIn}: one per pepper) and whose {@code expires_at} is after now; what it
 * answers is read from the row it changed, in the same statement where the engine can:
 * <ul>
 *   <li>PostgreSQL: {@code UPDATE ... RETURNING};</li>
 *   <li>H2: {@code SELECT ... FROM FINAL TABLE (UPDATE ...)};</li>
 *   <li>MariaDB (no {@code UPDATE ... RETURNING} in 10.11): a poll or a counter puts its answer,
 *       one integer, through {@code LAST_INSERT_ID(expr)}, which the server sends back in the
 *       {@code UPDATE}'s own OK packet (read as the statement's generated key): still one
 *       statement, one round trip. A transition that returns the whole record reads its row back
 *       after winning; it holds the row's lock, so it reads its own write.</li>
 * </ul>
 * When the {@code UPDATE} matched nothing, one locking read (the row's latest committed version)
 * tells absent or expired (an empty answer) from a state that refuses the change.
 *
 * <p>The {@code SET} expressions of a poll read only the row's old values, so they mean the same
 * whether the engine assigns columns in order (MariaDB, MySQL) or all at once (PostgreSQL, H2,
 * MariaDB's {@code SIMULTANEOUS_ASSIGNMENT}).
 */
final class PolledRequests<R extends PolledRow> {
    /** {@link PollResult#MAX_INTERVAL}: a slow_down never grows the interval further ({@link PollResult#grown}). */
    static final long MAX_INTERVAL_SECONDS = PollResult.MAX_INTERVAL.getSeconds();
    private static final long STEP = PollResult.SLOW_DOWN_STEP.getSeconds();

    /** Reads the row at a result set's cursor. */
    @FunctionalInterface
    interface RowReader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    /** Binds a statement's values from parameter {@code from}; returns the next index. */
    @FunctionalInterface
    interface Binder {
        int bind(PreparedStatement ps, int from) throws SQLException;

        Binder NONE = (ps, from) -> from;
    }

    /** What a conditional transition did: whether it won, and the row (as changed, or as found by the loser). */
    record Outcome<R>(boolean won, R row) {
    }

    private final Dialect dialect;
    private final String table;
    private final String columns;
    private final int digestCount;
    private final RowReader<R> reader;
    /** Whether the previous poll came before its interval ran out: its markers are all {@code now}. */
    private final String early;

    PolledRequests(Dialect dialect, String table, String columns, int digestCount, RowReader<R> reader) {
        this.dialect = dialect;
        this.table = table;
        this.columns = columns;
        this.digestCount = digestCount;
        this.reader = reader;
        this.early = "(last_polled_at IS NOT NULL AND ? < " + switch (dialect) {
            case POSTGRESQL -> "last_polled_at + interval_seconds * INTERVAL '1 second'";
            case H2 -> "DATEADD(SECOND, interval_seconds, last_polled_at)";
            case MARIADB -> "last_polled_at + INTERVAL interval_seconds SECOND";
        } + ")";
    }

    /** The row whose {@code key} column holds one of {@code digests}, or {@code null}; locked when asked. */
    R select(Connection c, String key, List<String> digests, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table + " WHERE "
                + Sql.digestIn(key, digests.size()) + (forUpdate ? " FOR UPDATE" : ""))) {
            Sql.bindAll(ps, 1, digests);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? reader.read(rs) : null;
            }
        }
    }

    private String update(String set, String key, String condition) {
        return "UPDATE " + table + " SET " + set + " WHERE " + Sql.digestIn(key, digestCount)
                + (condition.isEmpty() ? "" : " AND " + condition) + " AND expires_at > ?";
    }

    /** Binds an {@link #update}: the {@code SET} values, the digests, the condition's values, now. */
    private static void bind(PreparedStatement ps, Binder set, List<String> digests, Binder condition,
            LocalDateTime now) throws SQLException {
        int next = condition.bind(ps, Sql.bindAll(ps, set.bind(ps, 1), digests));
        Sql.setTimestamp(ps, next, now);
    }

    /**
     * {@code UPDATE table SET set WHERE key IN (digests) AND condition AND expires_at > now}: the
     * winner gets the row as changed (in the same statement, or on MariaDB by reading back the row
     * it holds locked), a loser the row's latest committed version read with a lock ({@code null}
     * when there is none).
     */
    Outcome<R> transition(Connection c, String key, List<String> digests, String set, Binder setValues,
            String condition, Binder conditionValues, LocalDateTime now) throws SQLException {
        String sql = update(set, key, condition);
        R row = null;
        boolean won;
        if (dialect == Dialect.MARIADB) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, setValues, digests, conditionValues, now);
                won = ps.executeUpdate() > 0;
            }
            row = won ? select(c, key, digests, false) : null;
        } else {
            try (PreparedStatement ps = c.prepareStatement(returning(sql, columns))) {
                bind(ps, setValues, digests, conditionValues, now);
                try (ResultSet rs = ps.executeQuery()) {
                    won = rs.next();
                    row = won ? reader.read(rs) : null;
                }
            }
        }
        return new Outcome<>(won, won ? row : select(c, key, digests, true));
    }

    /** {@link #transition} when only the row count matters. */
    int update(Connection c, String key, List<String> digests, String set, String condition, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(update(set, key, condition))) {
            bind(ps, Binder.NONE, digests, Binder.NONE, now);
            return ps.executeUpdate();
        }
    }

    /**
     * The answer of a transition: empty when the row is absent, not the presented secret's
     * ({@code matches}) or expired; the record when the transition won; else what the loser's
     * row means ({@code lost}: a conflict, a replay).
     */
    static <R extends PolledRow, T> Optional<T> answer(Outcome<R> o, Predicate<R> matches, LocalDateTime now,
            Function<R, T> record, Function<R, RuntimeException> lost) {
        R row = o.row();
        if (row == null || !matches.test(row) || Expiry.isExpired(row.expiresAt(), Times.instant(now))) {
            return Optional.empty();
        }
        if (o.won()) {
            return Optional.of(record.apply(row));
        }
        throw lost.apply(row);
    }

    /**
     * Records a poll and answers it in one statement: {@code slow_down} when the previous poll
     * was less than the stored interval ago (the interval then grows as {@link PollResult#grown}
     * says: by 5 s, up to a day), and every poll becomes {@code last_polled_at}. Empty when absent
     * or expired (the {@code UPDATE} matched nothing; no follow-up read).
     */
    Optional<PollResult> poll(Connection c, String key, List<String> digests, LocalDateTime now)
            throws SQLException {
        String grown = "LEAST(interval_seconds + CASE WHEN " + early + " THEN " + STEP + " ELSE 0 END, "
                + MAX_INTERVAL_SECONDS + ")";
        if (dialect != Dialect.MARIADB) {
            String set = "last_poll_slow_down = " + early + ", interval_seconds = " + grown + ", last_polled_at = ?";
            try (PreparedStatement ps = c.prepareStatement(returning(update(set, key, ""),
                    "state, interval_seconds, last_poll_slow_down"))) {
                bind(ps, nows(set, now), digests, Binder.NONE, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(result(rs.getString(1), rs.getInt(2), rs.getBoolean(3)))
                            : Optional.empty();
                }
            }
        }
        // the answer as one integer: interval * 8 + 4 if slow_down + the state's ordinal
        String encoded = grown + " * 8 + CASE WHEN " + early + " THEN 4 ELSE 0 END + CASE state"
                + " WHEN 'PENDING' THEN 0 WHEN 'APPROVED' THEN 1 WHEN 'DENIED' THEN 2 WHEN 'CONSUMED' THEN 3 END";
        // (an unknown state gives NULL: no answer comes back, and the row is read and refused below)
        String set = "last_poll_slow_down = COALESCE((LAST_INSERT_ID(" + encoded + ") & 4) <> 0, last_poll_slow_down),"
                + " interval_seconds = " + grown + ", last_polled_at = ?";
        try (PreparedStatement ps = c.prepareStatement(update(set, key, ""), Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, nows(set, now), digests, Binder.NONE, now);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
            Long answer = generatedKey(ps);
            if (answer != null) {
                long v = answer;
                return Optional.of(new PollResult(ApprovalState.values()[(int) (v & 3)], (v & 4) != 0,
                        Duration.ofSeconds(v >> 3)));
            }
        }
        // no key came back (a driver that does not report it, or a damaged state): read the row
        // this transaction just changed and still locks
        R row = select(c, key, digests, false);
        return Optional.of(result(row.state(), row.intervalSeconds(), row.lastPollSlowDown()));
    }

    /**
     * Adds one to a counter column of the live row, in the engine ({@code n = n + 1}), and returns
     * the new count; empty when absent or expired.
     */
    OptionalInt increment(Connection c, String key, List<String> digests, String counter, LocalDateTime now)
            throws SQLException {
        if (dialect != Dialect.MARIADB) {
            try (PreparedStatement ps = c.prepareStatement(returning(update(counter + " = " + counter + " + 1", key,
                    ""), counter))) {
                bind(ps, Binder.NONE, digests, Binder.NONE, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(update(counter + " = LAST_INSERT_ID(" + counter + " + 1)", key,
                ""), Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, Binder.NONE, digests, Binder.NONE, now);
            if (ps.executeUpdate() == 0) {
                return OptionalInt.empty();
            }
            Long count = generatedKey(ps);
            if (count != null) {
                return OptionalInt.of(count.intValue());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + counter + " FROM " + table + " WHERE "
                + Sql.digestIn(key, digests.size()) + " AND expires_at > ?")) {
            Sql.setTimestamp(ps, Sql.bindAll(ps, 1, digests), now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return OptionalInt.of(rs.getInt(1));
            }
        }
    }

    /** The statement's answer through {@code LAST_INSERT_ID(expr)}, or {@code null} when none came back. */
    private static Long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (keys != null && keys.next()) {
                long v = keys.getLong(1);
                return v > 0 ? v : null;
            }
            return null;
        }
    }

    private PollResult result(String state, int intervalSeconds, boolean slowDown) {
        return CorruptRowException.decode(table, () -> new PollResult(ApprovalColumns.state(state), slowDown,
                Duration.ofSeconds(intervalSeconds)));
    }

    /** An update that hands back {@code what} of the rows it changed, in the same statement. */
    private String returning(String update, String what) {
        return dialect == Dialect.H2 ? "SELECT " + what + " FROM FINAL TABLE (" + update + ")"
                : update + " RETURNING " + what;
    }

    /** Binds {@code now} to every marker of {@code set}. */
    private static Binder nows(String set, LocalDateTime now) {
        int n = (int) set.chars().filter(ch -> ch == '?').count();
        return (ps, from) -> {
            for (int i = 0; i < n; i++) {
                Sql.setTimestamp(ps, from + i, now);
            }
            return from + n;
        };
    }
}
