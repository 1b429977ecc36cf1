package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.gc.ExpiredRows;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.JpaExceptions;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;

/**
 * Grant tombstones ({@code oidc_grant_tombstone}) and the JWT-ID denylist ({@code oidc_revoked_jti},
 * by digest).
 *
 * <p>Widening is one conditional statement per engine that keeps the greatest of the stored and
 * the given instants: {@code INSERT ... ON CONFLICT DO UPDATE SET x = GREATEST(..)} on
 * PostgreSQL, {@code INSERT ... ON DUPLICATE KEY UPDATE x = GREATEST(..)} on MariaDB, both of
 * which insert or update atomically under the row (or key) lock. H2's {@code MERGE} is not atomic
 * under races (two sessions may both take the "not matched" branch and one fails on the key), so
 * on H2 the same effect is "widen; if no row, insert; if the insert loses to a concurrent one,
 * widen again", over plain JDBC so that the expected duplicate-key error neither escapes nor dooms
 * the transaction (H2 rolls back the failed statement only). Because GREATEST is commutative and
 * idempotent, every interleaving converges on the widest window.
 *
 * <p>A JWT ID is denylisted under the newest pepper's digest and looked up by all its digests (one
 * per configured pepper) in one statement, so an entry written under an older pepper still counts.
 * Identifiers and instants are checked before anything is written ({@code spi.Arguments}); a
 * lookup by an identifier that could never have been stored ignores it.
 */
public final class JpaGrantRevocationStore implements GrantRevocationStore {
    private static final String NAME = "grant-revocations";
    private static final StoreKind KIND = StoreKind.GRANT_REVOCATIONS;
    /** What the GC and {@link #purge} delete: tombstones past their retention. */
    public static final Sweep TOMBSTONE_SWEEP = new Sweep(KIND, "oidc_grant_tombstone", "grant_id",
            "retain_until <= ?1");
    /** What the GC and {@link #purge} delete: denylisted JWT IDs past their expiry. */
    public static final Sweep REVOKED_JTI_SWEEP = Sweep.expiresAt(KIND, "oidc_revoked_jti", "jti_digest");

    private final TxRunner tx;
    private final StoreContext ctx;
    private final ExpiredRows expired;
    private final String revokedJti;

    public JpaGrantRevocationStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        this.expired = parts.expired();
        this.revokedJti = "SELECT jti_digest FROM oidc_revoked_jti WHERE "
                + Sql.digestIn("jti_digest", 2 * ctx.digestCount()) + " AND expires_at > ?";
    }

    @Override
    public void revokeGrant(String grantId, Instant revokedAt, Instant retainUntil) {
        Arguments.id(grantId, "grantId");
        Instant revoked = Arguments.requiredInstant(revokedAt, "revokedAt");
        Instant retain = Arguments.requiredInstant(retainUntil, "retainUntil");
        if (retain.isBefore(revoked)) {
            throw new IllegalArgumentException("retainUntil must not be before revokedAt");
        }
        widen("revokeGrant", "oidc_grant_tombstone", "grant_id", grantId,
                new String[] {"revoked_at", "retain_until"}, Times.db(revoked), Times.db(retain));
    }

    @Override
    public void revokeJti(String jti, Instant expiresAt) {
        Arguments.id(jti, "jti");
        LocalDateTime exp = Times.db(Arguments.requiredInstant(expiresAt, "expiresAt"));
        widen("revokeJti", "oidc_revoked_jti", "jti_digest", ctx.digest(KIND, jti), new String[] {"expires_at"}, exp);
    }

    /** An identifier that could never have been stored counts as absent ({@code null}). */
    @Override
    public boolean isRevoked(String grantId, String jti, Instant issuedAt) {
        LocalDateTime issued = Times.db(Arguments.requiredInstant(issuedAt, "issuedAt"));
        List<String> digests = Arguments.isStorableId(jti) ? denylistDigests(jti) : List.of();
        boolean byGrant = Arguments.isStorableId(grantId);
        if (digests.isEmpty() && !byGrant) {
            return false;
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "isRevoked", c -> {
            if (!digests.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(revokedJti)) {
                    Sql.setTimestamp(ps, Sql.bindAll(ps, 1, digests), now);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return true;
                        }
                    }
                }
            }
            if (!byGrant) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT grant_id FROM oidc_grant_tombstone"
                    + " WHERE grant_id = ? AND retain_until > ? AND revoked_at >= ?")) {
                ps.setString(1, grantId);
                Sql.setTimestamp(ps, 2, now);
                Sql.setTimestamp(ps, 3, issued);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * The digests a denylisted JWT ID may be stored under: this kind's ({@link #revokeJti}) and the
     * access-token registry's (what erasing a subject carries over from the rows it deletes,
     * {@code JpaAccessTokenRegistry.eraseSubject}), each under every configured pepper. The two
     * kinds' digests are domain-separated, so neither can match another JWT ID's.
     */
    private List<String> denylistDigests(String jti) {
        List<String> all = new java.util.ArrayList<>(ctx.digests(KIND, jti));
        all.addAll(ctx.digests(StoreKind.ACCESS_TOKENS, jti));
        return all;
    }

    /**
     * In batches of {@code oidc.store.jpa.gc.batch-size} rows, each its own short transaction (the
     * GC's code), tombstones first; the caller's transaction is suspended meanwhile.
     */
    @Override
    public int purge(Instant cutoff) {
        LocalDateTime at = ctx.purgeCutoff(cutoff);
        return expired.delete(TOMBSTONE_SWEEP, at).deleted()
                + expired.delete(REVOKED_JTI_SWEEP, at).deleted();
    }

    private void widen(String operation, String table, String key, String keyValue, String[] columns,
            LocalDateTime... values) {
        Dialect d = ctx.dialect();
        Object[] params = new Object[values.length + 1];
        params[0] = keyValue;
        System.arraycopy(values, 0, params, 1, values.length);
        String cols = key + ", " + String.join(", ", columns);
        String marks = "?" + ", ?".repeat(columns.length);
        if (d == Dialect.POSTGRESQL) {
            StringBuilder set = new StringBuilder();
            for (String c : columns) {
                set.append(set.length() == 0 ? "" : ", ").append(c).append(" = GREATEST(").append(table).append('.')
                        .append(c).append(", EXCLUDED.").append(c).append(')');
            }
            tx.run(NAME, operation, em -> Sql.update(em, "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks
                    + ") ON CONFLICT (" + key + ") DO UPDATE SET " + set, params));
        } else if (d == Dialect.MARIADB) {
            StringBuilder set = new StringBuilder();
            for (String c : columns) {
                set.append(set.length() == 0 ? "" : ", ").append(c).append(" = GREATEST(").append(c)
                        .append(", VALUES(").append(c).append("))");
            }
            tx.run(NAME, operation, em -> Sql.update(em, "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks
                    + ") ON DUPLICATE KEY UPDATE " + set, params));
        } else {
            StringBuilder set = new StringBuilder();
            for (String c : columns) {
                set.append(set.length() == 0 ? "" : ", ").append(c).append(" = GREATEST(").append(c).append(", ?)");
            }
            Object[] updateParams = new Object[params.length];
            System.arraycopy(values, 0, updateParams, 0, values.length);
            updateParams[values.length] = keyValue;
            String update = "UPDATE " + table + " SET " + set + " WHERE " + key + " = ?";
            String insert = "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")";
            tx.run(NAME, operation, em -> {
                try {
                    return tx.jdbc(c -> widenH2(c, update, updateParams, insert, params));
                } catch (SQLException e) {
                    throw JpaExceptions.translate(NAME, operation, e);
                }
            });
        }
    }

    private static int widenH2(Connection c, String update, Object[] updateParams, String insert, Object[] params)
            throws SQLException {
        if (Sql.update(c, update, updateParams) == 1) {
            return 1;
        }
        try {
            return Sql.update(c, insert, params);
        } catch (SQLException e) {
            if (!Sql.isDuplicate(e)) {
                throw e;
            }
            return Sql.update(c, update, updateParams);
        }
    }
}
