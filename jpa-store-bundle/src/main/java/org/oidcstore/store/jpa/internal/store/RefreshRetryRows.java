package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.oidcstore.store.jpa.internal.row.RefreshTokenRow;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * The statements of rotation grace ({@code RefreshRetryResponses}) on {@code oidc_refresh_token}
 * (schema version 6: {@code retry_response}, {@code retry_until}).
 *
 * <h2>Where the response lives: on the successor's row</h2>
 * The response of a rotation is stored, sealed again under the store's pepper and bound to the
 * parent's digest, in the <em>successor's</em> row, written by the successor's {@code INSERT}
 * itself. So:
 * <ul>
 *   <li>A rotation with a response costs no statement more than one without: the same
 *       {@code INSERT}, with two more columns bound.</li>
 *   <li>Both writes are one statement, so they are atomic on every engine, with or without the
 *       caller's transaction; the unique index on {@code parent_digest} that decides the one
 *       successor of a parent decides, in the same step, whose response is kept. A losing save
 *       inserts nothing, so it writes no response.</li>
 *   <li>It is still keyed by the predecessor's digest: the successor's {@code parent_digest} is
 *       the parent row's key, and its unique index finds it.</li>
 *   <li>It goes wherever the successor's row goes: deleted with it (GC purge, subject erasure),
 *       and cleared by the statements that end its use: the successor's consume and every
 *       revocation set {@code retry_response} and {@code retry_until} to {@code NULL}.</li>
 *   <li>Hot statements never read it: {@link RefreshTokenRow#COLUMNS} does not name the two
 *       columns, so consumes and finds never fetch the blob.</li>
 * </ul>
 * The parent's row, whose {@code UPDATE} would have been the alternative, was locked by the
 * consume already; writing the response there costs one more statement per rotation and puts
 * the atomicity on the transaction rather than on one statement.
 *
 * <p>The retention stored is the earlier of the caller's {@code retainUntil} and the parent's
 * expiry. A response whose retention passed stays sealed, and never served, until the successor
 * is consumed, revoked or purged.
 */
final class RefreshRetryRows {
    /** The successor's insert with its parent's response. */
    static final String INSERT = "INSERT INTO oidc_refresh_token (" + RefreshTokenRow.COLUMNS
            + ", retry_response, retry_until) VALUES (" + Sql.marks(RefreshTokenRow.COLUMN_COUNT + 2) + ")";
    /** The columns that clear a response, appended to the statements that end a successor's use. */
    static final String CLEAR = ", retry_response = NULL, retry_until = NULL";

    private final String find;

    RefreshRetryRows(int digests) {
        // the successor s of the presented parent p, when its response may be served: p live and
        // unrevoked, retention not passed, s live, unconsumed, unrevoked, no member of the chain revoked
        this.find = "SELECT s.parent_digest, s.retry_response FROM oidc_refresh_token s"
                + " JOIN oidc_refresh_token p ON p.token_digest = s.parent_digest"
                + " WHERE " + Sql.digestIn("s.parent_digest", digests)
                + " AND s.retry_response IS NOT NULL AND s.retry_until > ? AND s.expires_at > ?"
                + " AND s.consumed_at IS NULL AND s.revoked = FALSE AND p.expires_at > ? AND p.revoked = FALSE"
                + " AND NOT EXISTS (SELECT 1 FROM oidc_refresh_token r WHERE r.root_digest = s.root_digest"
                + " AND r.revoked = TRUE)";
    }

    /** The response row found: the parent's digest (the seal's binding) and the sealed bytes. */
    record Found(String parentDigest, byte[] sealed) {
    }

    /** The servable response of the parent with one of {@code parentDigests}, or {@code null}. */
    Found find(Connection c, List<String> parentDigests, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(find)) {
            int next = Sql.bindAll(ps, 1, parentDigests);
            for (int i = 0; i < 3; i++) {
                Sql.setTimestamp(ps, next + i, now);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Found(rs.getString(1), rs.getBytes(2)) : null;
            }
        }
    }

    /** Binds the successor's row and then its parent's response, for {@link #INSERT}. */
    static Sql.Binder bind(RefreshTokenRow successor, byte[] sealed, Instant retainUntil) {
        return ps -> {
            successor.bind(ps);
            ps.setBytes(RefreshTokenRow.COLUMN_COUNT + 1, sealed);
            Sql.setInstant(ps, RefreshTokenRow.COLUMN_COUNT + 2, retainUntil);
        };
    }
}
