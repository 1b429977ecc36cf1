package org.oidcstore.store.jpa.internal.row;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_authorization_context} as its plain-JDBC reads select it: the context still
 * sealed, the ID-token digest left out (only {@code findByIdToken} reads it).
 */
public record AuthorizationContextRow(String grantId, String subject, String clientId, byte[] sealed,
        Instant createdAt, Instant expiresAt) {

    /** The columns {@link #read} reads, in order. */
    public static final String COLUMNS = "grant_id, subject, client_id, context, created_at, expires_at";

    /**
     * The row whose {@link #COLUMNS} start at column {@code first} of the cursor's row, or
     * {@code null} when its key is SQL {@code NULL} (the empty side of an outer join).
     */
    public static AuthorizationContextRow read(ResultSet rs, int first) throws SQLException {
        String grantId = rs.getString(first);
        if (grantId == null) {
            return null;
        }
        return new AuthorizationContextRow(grantId, rs.getString(first + 1), rs.getString(first + 2),
                rs.getBytes(first + 3), Sql.getInstant(rs, first + 4), Sql.getInstant(rs, first + 5));
    }

    /** The record, with the context {@code opened} from {@link #sealed()}. */
    public AuthorizationContext toRecord(byte[] opened) {
        return CorruptRowException.decode("oidc_authorization_context", () -> new AuthorizationContext(grantId,
                subject, clientId, opened, createdAt, expiresAt));
    }
}
