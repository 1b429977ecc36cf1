package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.oidcstore.store.jpa.internal.row.AuthorizationContextRow;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * The {@code oidc_authorization_context} rows the current JTA transaction has read, by grant id,
 * including "no row": what lets a context lookup right after a token lookup in the same
 * transaction cost no statement (the token's {@code find} read its grant's context row in the
 * same statement, an outer join), and a save of a context the transaction found absent go
 * straight to the insert (no {@code UPDATE} that changes nothing first).
 *
 * <p>Kept as a transaction-scoped resource of the synchronization registry, as {@link LockedParents}
 * is: it vanishes with the transaction, is never seen by another one, and without a registry
 * (a container that offers none) nothing is kept and every lookup reads. Each entry names the
 * store's transaction runner, i.e. its database: a row another JPA store read in the same JTA
 * transaction is never used. Every write of the context store in the transaction forgets what it
 * may change (a save or delete its grant, a subject erasure everything), so a later read sees the
 * transaction's own writes. A row kept is the row as read: a lookup answered from it is the
 * lookup at the moment of that read, which the transaction could have made then.
 */
final class ContextRowsRead {
    /** One key for every JPA store of the JVM; entries name their runner. */
    private static final Object READ = new Object();
    private static final String TABLE = "oidc_authorization_context";

    /** What a transaction read for one grant: {@code row} is {@code null} when the table had none. */
    record Read(TxRunner owner, AuthorizationContextRow row) {
    }

    private final TxRunner tx;

    ContextRowsRead(TxRunner tx) {
        this.tx = tx;
    }

    /** Reads the row at a result set's cursor (its first columns). */
    @FunctionalInterface
    interface RowReader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    /**
     * {@code SELECT} of a token table's {@code columns} by {@code digestColumn} (one of {@code n}
     * digests), with its grant's context row joined after them ({@link #selectJoined}): the
     * context's primary key, so the join adds one index lookup to the statement.
     */
    static String joinedSelect(String table, String columns, String digestColumn, int n) {
        String qualified = Arrays.stream(columns.split(",")).map(col -> "t." + col.trim())
                .collect(Collectors.joining(", "));
        String contextColumns = Arrays.stream(AuthorizationContextRow.COLUMNS.split(","))
                .map(col -> "x." + col.trim()).collect(Collectors.joining(", "));
        return "SELECT " + qualified + ", " + contextColumns + " FROM " + table + " t LEFT JOIN " + TABLE
                + " x ON x.grant_id = t.grant_id WHERE " + Sql.digestIn("t." + digestColumn, n);
    }

    /**
     * Runs {@code sql} ({@link #joinedSelect}) for {@code digests}: the token row, {@code null} when
     * none; the context row of its grant (column {@code tokenColumns + 1} on), or its absence, is
     * remembered for the rest of the transaction.
     */
    <R> R selectJoined(Connection c, String sql, List<String> digests, int tokenColumns, RowReader<R> reader,
            Function<R, String> grantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bindAll(ps, 1, digests);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                R row = reader.read(rs);
                String grant = grantId.apply(row);
                if (grant != null) {
                    remember(grant, AuthorizationContextRow.read(rs, tokenColumns + 1));
                }
                return row;
            }
        }
    }

    /** What this transaction read of {@code grantId} on this store's database, or {@code null} (nothing yet). */
    Read get(String grantId) {
        if (tx.txResource(READ) instanceof Map<?, ?> read && read.get(grantId) instanceof Read r && r.owner() == tx) {
            return r;
        }
        return null;
    }

    /** Remembers what a read of {@code grantId} found ({@code null}: no row); nothing outside a transaction. */
    void remember(String grantId, AuthorizationContextRow row) {
        Map<String, Read> read = tx.txMap(READ);
        if (read != null) {
            read.put(grantId, new Read(tx, row));
        }
    }

    /** A write of {@code grantId}'s row in this transaction: read it again next time. */
    void forget(String grantId) {
        if (tx.txResource(READ) instanceof Map<?, ?> read) {
            read.remove(grantId);
        }
    }

    /** A write of many rows in this transaction (a subject erasure): read every one again. */
    void forgetAll() {
        if (tx.txResource(READ) instanceof Map<?, ?> read) {
            read.clear();
        }
    }
}
