package org.oidcstore.store.jpa.internal.row;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_access_token} (the shadow of a JWT access token, keyed by the JWT ID's
 * digest), as the plain-JDBC insert binds it and as lookups decode it.
 *
 * @param scopes the JSON text of the scopes, as stored
 */
public record AccessTokenRow(String digest, String clientId, String subject, String grantId, String scopes,
        Instant issuedAt, Instant expiresAt, boolean revoked) implements TokenRow<JwtAccessToken> {

    /**
     * The plain-JDBC insert (see {@code TxRunner.sql}): a duplicate key must reach the caller as
     * {@code DuplicateRecordException} without EclipseLink logging its stack trace at WARNING.
     */
    public static final String INSERT = "INSERT INTO oidc_access_token (jti_digest, client_id, subject, grant_id,"
            + " scopes, issued_at, expires_at, revoked) VALUES (" + Sql.marks(8) + ")";

    public static AccessTokenRow of(JwtAccessToken t, String digest) {
        return new AccessTokenRow(digest, t.clientId(), t.subject(), t.grantId(), Json.array(t.scopes()),
                t.issuedAt(), t.expiresAt(), t.revoked());
    }

    /** Binds the columns of {@link #INSERT}, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, digest);
        ps.setString(2, clientId);
        Sql.setString(ps, 3, subject);
        Sql.setString(ps, 4, grantId);
        ps.setString(5, scopes);
        Sql.setInstant(ps, 6, issuedAt);
        Sql.setInstant(ps, 7, expiresAt);
        ps.setBoolean(8, revoked);
    }

    @Override
    public JwtAccessToken toRecord(String presented) {
        return CorruptRowException.decode("oidc_access_token", () ->
                new JwtAccessToken(presented, clientId, subject, grantId, Json.set(scopes), issuedAt, expiresAt,
                    revoked));
    }
}
