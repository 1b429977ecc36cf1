package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * The ID token a save of {@code oidc_authorization_context} binds to {@code grantId}: its digest
 * under the newest pepper and under every configured one. The unique index on
 * {@code id_token_digest} holds one grant per ID token, so binding it to this grant first clears
 * it from any other ({@link JpaAuthorizationContextStore} says when).
 */
record IdTokenBinding(String digest, List<String> digests, String grantId) {
    private static final String TABLE = "oidc_authorization_context";

    /** Clears the ID token from every other grant's row: an index lookup, no lock when none holds it. */
    void clearElsewhere(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET id_token_digest = NULL WHERE "
                + Sql.digestIn("id_token_digest", digests.size()) + " AND grant_id <> ?")) {
            ps.setString(Sql.bindAll(ps, 1, digests), grantId);
            ps.executeUpdate();
        }
    }

    /**
     * Runs {@code write}; when {@code retry} and the unique index refuses the digest (another grant
     * holds the ID token), clears it there and runs {@code write} again. Only where a failed
     * statement rolls back alone (MariaDB, H2), and never for an upsert (see the store).
     */
    int moving(Connection c, boolean retry, TxRunner.SqlWork<Integer> write) throws SQLException {
        if (!retry) {
            return write.run(c);
        }
        try {
            return write.run(c);
        } catch (SQLException e) {
            if (!Sql.isDuplicate(e)) {
                throw e;
            }
            clearElsewhere(c);
            return write.run(c);
        }
    }
}
