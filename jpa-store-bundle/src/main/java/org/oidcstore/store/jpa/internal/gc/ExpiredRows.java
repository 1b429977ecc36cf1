package org.oidcstore.store.jpa.internal.gc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * Deletes expired rows in bounded batches, each its own short transaction (the caller's, if any,
 * suspended meanwhile): select at most a batch of expired keys, then delete those keys while
 * re-checking the expiry (a row touched meanwhile stays). Selecting keys first keeps one SQL shape
 * on every engine (MariaDB allows neither {@code LIMIT} in an {@code IN} subquery nor a subquery on
 * the table being deleted from), and the key-by-key delete locks only rows that are already dead
 * (record locks on the primary key; under READ COMMITTED no gap locks), so writers of live rows
 * never wait on them. Used by the GC for every table and by the stores' own purges
 * ({@code purgeExpired}, {@code purge}). What each table's garbage is, the store class owning the
 * table declares ({@link Sweep}).
 *
 * <p><b>Walking, not rescanning.</b> Each batch resumes where the last one stopped: the select
 * walks the table's expiry index ({@link Sweep#seek}) in {@code (seek, key)} order from the last
 * row of the previous batch ({@code seek >= ? AND (seek > ? OR (seek = ? AND key > ?))}), or the
 * primary key from the last key when the condition has no indexed column. On PostgreSQL, whose
 * index on the seek column does not carry the key (sorting each group of equal expiries per batch
 * would cost a sort of the group), the walk is on the column alone ({@code seek >= ?}, the rows of
 * the last expiry that the previous batch deleted being gone; a batch that deletes nothing ends
 * the walk). Restarting every batch
 * at the oldest expiry instead walked, on InnoDB, over the index entries of every row deleted by
 * the earlier batches that purge had not removed yet (bench case {@code gc-sweep}, 1 M rows on
 * MariaDB: a median batch of 2,000 rows took 340 to 440 ms, the longest 1.8 to 3.7 s). A row that becomes garbage behind the walk is left to the next
 * sweep.
 *
 * <p><b>Pacing.</b> Batches are sized and spaced by a {@link Pacer}: about 25 ms each, the
 * configured batch size being the most, and a pause twice as long as the batch between two.
 */
public final class ExpiredRows {

    /** What a sweep did. */
    public record Swept(int deleted, int batches) {
    }

    private final TxRunner tx;
    private final int batchSize;

    public ExpiredRows(TxRunner tx, int batchSize) {
        this.tx = tx;
        this.batchSize = batchSize;
    }

    /**
     * Deletes every row of {@code s} that is garbage at {@code cutoffs}, batch after batch, with
     * the caller's transaction suspended.
     */
    public Swept delete(Sweep s, LocalDateTime... cutoffs) {
        return tx.suspended(() -> sweep(s, cutoffs));
    }

    /**
     * As {@link #delete}, for a caller that has already suspended the caller's transaction. An
     * interrupt between two batches ends the sweep early (the interrupt flag stays set).
     */
    Swept sweep(Sweep s, LocalDateTime... cutoffs) {
        Pacer pacer = new Pacer(batchSize);
        Object[] after = null;
        int total = 0;
        int batches = 0;
        while (true) {
            int limit = pacer.limit();
            Object[] from = after;
            long t0 = System.nanoTime();
            Batch b = tx.sql("gc", s.table(), c -> batch(c, s, cutoffs, from, limit));
            long took = System.nanoTime() - t0;
            batches++;
            total += b.deleted();
            if (b.selected() < limit || b.last() == null) {
                return new Swept(total, batches);
            }
            after = b.last();
            pacer.took(took);
            if (!pacer.pause(took)) {
                return new Swept(total, batches);
            }
        }
    }

    /**
     * One batch: rows selected, rows deleted, and the cursor ({@code seek} value and key) of the
     * last row; no cursor when the walk cannot go on (a re-walked group that deleted nothing).
     */
    private record Batch(int selected, int deleted, Object[] last) {
    }

    private static Batch batch(Connection c, Sweep s, LocalDateTime[] cutoffs, Object[] after, int limit)
            throws SQLException {
        String seek = s.seek();
        // PostgreSQL's index on the seek column does not carry the key (InnoDB's does): ordering by
        // both would sort every group of equal expiries per batch, so it walks the column alone
        boolean rewalk = seek != null && c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        String columns = seek == null ? s.key() : seek + ", " + s.key();
        String order = rewalk ? seek : columns;
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(s.table())
                .append(" WHERE (").append(positional(s.expired())).append(')');
        if (after != null) {
            sql.append(seek == null ? " AND " + s.key() + " > ?" : rewalk ? " AND " + seek + " >= ?"
                    : " AND " + seek + " >= ? AND (" + seek + " > ? OR (" + seek + " = ? AND " + s.key() + " > ?))");
        }
        sql.append(" ORDER BY ").append(order).append(" LIMIT ").append(limit);
        List<Object> keys = new ArrayList<>(limit);
        Object lastSeek = null;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int next = bind(ps, s.expired(), cutoffs, 1);
            if (after != null && rewalk) {
                ps.setObject(next, after[0]);
            } else if (after != null) {
                if (seek != null) {
                    ps.setObject(next++, after[0]);
                    ps.setObject(next++, after[0]);
                    ps.setObject(next++, after[0]);
                }
                ps.setObject(next, after[1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (seek != null) {
                        lastSeek = rs.getObject(1, LocalDateTime.class);
                    }
                    keys.add(rs.getObject(seek == null ? 1 : 2));
                }
            }
        }
        if (keys.isEmpty()) {
            return new Batch(0, 0, null);
        }
        int deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + s.table() + " WHERE " + s.key() + " IN ("
                + "?,".repeat(keys.size() - 1) + "?) AND (" + positional(s.recheck()) + ")")) {
            for (int i = 0; i < keys.size(); i++) {
                ps.setObject(i + 1, keys.get(i));
            }
            bind(ps, s.recheck(), cutoffs, keys.size() + 1);
            deleted = ps.executeUpdate();
        }
        // a re-walk starts again at the last expiry: the rows deleted are gone, the rows the re-check
        // kept would come back, so a batch that deleted nothing ends the walk (the next sweep goes on)
        return new Batch(keys.size(), deleted,
                rewalk && deleted == 0 ? null : new Object[] {lastSeek, keys.get(keys.size() - 1)});
    }

    private static String positional(String condition) {
        return condition.replaceAll("\\?[1-9]", "?");
    }

    /**
     * Binds the instants of a condition ({@code ?1} … {@code ?9}) in the order its placeholders
     * appear, from {@code first}; returns the next free position.
     */
    private static int bind(PreparedStatement ps, String condition, LocalDateTime[] cutoffs, int first)
            throws SQLException {
        int position = first;
        for (int i = 0; i < condition.length() - 1; i++) {
            if (condition.charAt(i) == '?') {
                Sql.setTimestamp(ps, position++, cutoffs[condition.charAt(i + 1) - '1']);
            }
        }
        return position;
    }
}
