package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;

/** A pushed authorization request ({@code oidc_pushed_auth_request}), keyed by the request URI's digest. */
@Entity
@Table(name = "oidc_pushed_auth_request")
public class PushedAuthRequestEntity {
    @Id
    @Column(name = "request_uri_digest")
    String requestUriDigest;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "parameters")
    String parameters;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "consumed_at")
    LocalDateTime consumedAt;

    protected PushedAuthRequestEntity() {
    }

    public static PushedAuthRequestEntity of(PushedAuthorizationRequest r, String digest) {
        PushedAuthRequestEntity e = new PushedAuthRequestEntity();
        e.requestUriDigest = digest;
        e.clientId = r.clientId();
        e.parameters = Json.objectOfArrays(r.parameters());
        e.createdAt = Times.db(r.createdAt());
        e.expiresAt = Times.db(r.expiresAt());
        return e;
    }

    /**
     * The plain-JDBC insert of this row (see {@code TxRunner.sql}): a duplicate key must reach the caller
     * as {@code DuplicateRecordException} without EclipseLink logging its stack trace at WARNING.
     */
    public static final String INSERT = "INSERT INTO oidc_pushed_auth_request (request_uri_digest, client_id,"
            + " parameters, created_at, expires_at, consumed_at) VALUES (" + Sql.marks(6) + ")";

    /** Binds the columns of {@link #INSERT}, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, requestUriDigest);
        ps.setString(2, clientId);
        ps.setString(3, parameters);
        Sql.setTimestamp(ps, 4, createdAt);
        Sql.setTimestamp(ps, 5, expiresAt);
        Sql.setTimestamp(ps, 6, consumedAt);
    }

    public String digest() {
        return requestUriDigest;
    }

    public boolean consumed() {
        return consumedAt != null;
    }

    public LocalDateTime expiresAt() {
        return expiresAt;
    }

    public PushedAuthorizationRequest toRecord(String presented) {
        return CorruptRowException.decode("oidc_pushed_auth_request", () ->
                new PushedAuthorizationRequest(presented, clientId, Json.mapOfLists(parameters),
                    Times.instant(createdAt), Times.instant(expiresAt)));
    }
}
