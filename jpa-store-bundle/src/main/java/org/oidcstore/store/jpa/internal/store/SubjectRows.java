package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Objects;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;

/**
 * Erasure of a subject ({@code eraseSubject}, {@code SessionStore.deleteBySubject}) as set-based
 * statements on the transaction's connection: {@code DELETE ... WHERE <subject column> = ?}, never a
 * row loaded into Java. Every table it deletes from has an index leading with its subject column
 * (version 1 for grants, refresh and access tokens, sessions; version 7 for the others), so a
 * statement locks the subject's rows only, never a scan of the table. A subject that could never
 * have been stored erases nothing, without a statement; {@code null} is a
 * {@link NullPointerException}.
 */
final class SubjectRows {
    private SubjectRows() {
    }

    /** Whether {@code subject} could name stored rows ({@code null} raises). */
    static boolean storable(String subject) {
        Objects.requireNonNull(subject, "subject");
        return Arguments.isStorableId(subject);
    }

    /**
     * Deletes every row of {@code subject} from {@code table}, expired ones included, and answers
     * how many: a kind of the transactional cluster, whose expired rows stay until the GC.
     */
    static int deleteAll(TxRunner tx, String substore, String table, String column, String subject) {
        if (!storable(subject)) {
            return 0;
        }
        String sql = "DELETE FROM " + table + " WHERE " + column + " = ?";
        return tx.sql(substore, "eraseSubject", c -> delete(c, sql, subject, null));
    }

    /**
     * Deletes every row of {@code subject} from {@code table} and answers how many were not expired
     * (a kind that may live on a volatile tier, where expired records may already be gone): the live
     * rows in one statement (its count is the answer), then the expired ones by the same instant in
     * another, both in one transaction.
     */
    static int deleteCountingLive(TxRunner tx, StoreContext ctx, String substore, String operation, String table,
            String column, String subject) {
        if (!storable(subject)) {
            return 0;
        }
        LocalDateTime now = ctx.dbNow();
        String live = "DELETE FROM " + table + " WHERE " + column + " = ? AND expires_at > ?";
        String expired = "DELETE FROM " + table + " WHERE " + column + " = ? AND expires_at <= ?";
        return tx.sql(substore, operation, c -> {
            int counted = delete(c, live, subject, now);
            // the same instant splits the rows: one saved meanwhile is live and neither counted nor deleted
            delete(c, expired, subject, now);
            return counted;
        });
    }

    private static int delete(Connection c, String sql, String subject, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subject);
            if (now != null) {
                Sql.setTimestamp(ps, 2, now);
            }
            return ps.executeUpdate();
        }
    }
}
