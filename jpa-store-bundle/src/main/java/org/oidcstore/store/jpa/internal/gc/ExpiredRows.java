package org.oidcstore.store.jpa.internal.gc;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDateTime;
import java.util.List;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * Deletes expired rows in bounded batches, each its own short transaction (the caller's, if any,
 * suspended meanwhile): select at most {@code batchSize} expired keys, then delete those keys
 * while re-checking the expiry (a row touched meanwhile stays). Selecting keys first keeps one SQL
 * shape on every engine (MariaDB allows neither {@code LIMIT} in an {@code IN} subquery nor a
 * subquery on the table being deleted from), and the key-by-key delete locks only rows that are
 * already dead, so writers of live rows never wait long. Used by the GC for every table and by the
 * stores' own purges ({@code purgeExpired}, {@code purge}). What each table's garbage is, the store
 * class owning the table declares ({@link Sweep}).
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

    /** As {@link #delete}, for a caller that has already suspended the caller's transaction. */
    Swept sweep(Sweep s, LocalDateTime... cutoffs) {
        int total = 0;
        int batches = 0;
        while (true) {
            int[] counts = tx.run("gc", s.table(), em -> batch(em, s, cutoffs));
            batches++;
            total += counts[1];
            if (counts[0] < batchSize || counts[1] == 0) {
                return new Swept(total, batches);
            }
        }
    }

    /** @return {selected, deleted} */
    private int[] batch(EntityManager em, Sweep s, LocalDateTime[] cutoffs) {
        Query select = em.createNativeQuery("SELECT " + s.key() + " FROM " + s.table() + " WHERE "
                + positional(s.expired()) + " LIMIT " + batchSize);
        bind(select, s.expired(), cutoffs, 1);
        @SuppressWarnings("unchecked")
        List<Object> keys = select.getResultList();
        if (keys.isEmpty()) {
            return new int[] {0, 0};
        }
        Query delete = em.createNativeQuery("DELETE FROM " + s.table() + " WHERE " + s.key() + " IN ("
                + "?,".repeat(keys.size() - 1) + "?) AND " + positional(s.recheck()));
        for (int i = 0; i < keys.size(); i++) {
            delete.setParameter(i + 1, keys.get(i));
        }
        bind(delete, s.recheck(), cutoffs, keys.size() + 1);
        return new int[] {keys.size(), delete.executeUpdate()};
    }

    private static String positional(String condition) {
        return condition.replaceAll("\\?[1-9]", "?");
    }

    /** Binds the instants of a condition ({@code ?1} … {@code ?9}) in the order its placeholders appear. */
    private static void bind(Query q, String condition, LocalDateTime[] cutoffs, int first) {
        int position = first;
        for (int i = 0; i < condition.length() - 1; i++) {
            if (condition.charAt(i) == '?') {
                q.setParameter(position++, cutoffs[condition.charAt(i + 1) - '1']);
            }
        }
    }
}
