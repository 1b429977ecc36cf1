package org.oidcstore.store.jpa.internal.row;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_opaque_access_token}, keyed by the token's digest, as the plain-JDBC insert
 * binds it and as lookups decode it.
 *
 * @param scopes the JSON text of the scopes, as stored
 * @param resources the JSON text of the resources, as stored
 */
public record OpaqueAccessTokenRow(String digest, String clientId, String subject, String grantId, String scopes,
        String resources, String dpopJkt, String certThumbprint, Instant issuedAt, Instant expiresAt,
        boolean revoked) implements TokenRow<OpaqueAccessToken> {

    /**
     * The plain-JDBC insert (see {@code TxRunner.sql}): a duplicate key must reach the caller as
     * {@code DuplicateRecordException} without EclipseLink logging its stack trace at WARNING.
     */
    public static final String INSERT = "INSERT INTO oidc_opaque_access_token (token_digest, client_id, subject,"
            + " grant_id, scopes, resources, dpop_jkt, cert_thumbprint, issued_at, expires_at, revoked) VALUES ("
            + Sql.marks(11) + ")";

    public static OpaqueAccessTokenRow of(OpaqueAccessToken t, String digest) {
        return new OpaqueAccessTokenRow(digest, t.clientId(), t.subject(), t.grantId(), Json.array(t.scopes()),
                Json.array(t.resources()), t.dpopJkt(), t.certThumbprint(), t.issuedAt(), t.expiresAt(), t.revoked());
    }

    /** Binds the columns of {@link #INSERT}, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, digest);
        ps.setString(2, clientId);
        Sql.setString(ps, 3, subject);
        Sql.setString(ps, 4, grantId);
        ps.setString(5, scopes);
        ps.setString(6, resources);
        Sql.setString(ps, 7, dpopJkt);
        Sql.setString(ps, 8, certThumbprint);
        Sql.setInstant(ps, 9, issuedAt);
        Sql.setInstant(ps, 10, expiresAt);
        ps.setBoolean(11, revoked);
    }

    @Override
    public OpaqueAccessToken toRecord(String presented) {
        return CorruptRowException.decode("oidc_opaque_access_token", () ->
                OpaqueAccessToken.builder().token(presented).clientId(clientId).subject(subject).grantId(grantId)
                    .scopes(Json.set(scopes)).resources(Json.list(resources)).dpopJkt(dpopJkt)
                    .certThumbprint(certThumbprint).issuedAt(issuedAt).expiresAt(expiresAt).revoked(revoked).build());
    }
}
