package org.oidcstore.store.jpa.internal.row;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_pushed_auth_request}, keyed by the request URI's digest, as the plain-JDBC
 * insert binds it and as lookups decode it.
 *
 * @param parameters the JSON text of the parameters, as stored
 */
public record PushedAuthRequestRow(String digest, String clientId, String parameters, Instant createdAt,
        Instant expiresAt, Instant consumedAt) implements TokenRow<PushedAuthorizationRequest> {

    /**
     * The plain-JDBC insert (see {@code TxRunner.sql}): a duplicate key must reach the caller as
     * {@code DuplicateRecordException} without EclipseLink logging its stack trace at WARNING.
     */
    public static final String INSERT = "INSERT INTO oidc_pushed_auth_request (request_uri_digest, client_id,"
            + " parameters, created_at, expires_at, consumed_at) VALUES (" + Sql.marks(6) + ")";

    public static PushedAuthRequestRow of(PushedAuthorizationRequest r, String digest) {
        return new PushedAuthRequestRow(digest, r.clientId(), Json.objectOfArrays(r.parameters()), r.createdAt(),
                r.expiresAt(), null);
    }

    /** Binds the columns of {@link #INSERT}, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, digest);
        ps.setString(2, clientId);
        ps.setString(3, parameters);
        Sql.setInstant(ps, 4, createdAt);
        Sql.setInstant(ps, 5, expiresAt);
        Sql.setInstant(ps, 6, consumedAt);
    }

    public boolean consumed() {
        return consumedAt != null;
    }

    @Override
    public PushedAuthorizationRequest toRecord(String presented) {
        return CorruptRowException.decode("oidc_pushed_auth_request", () ->
                new PushedAuthorizationRequest(presented, clientId, Json.mapOfLists(parameters), createdAt, expiresAt));
    }
}
