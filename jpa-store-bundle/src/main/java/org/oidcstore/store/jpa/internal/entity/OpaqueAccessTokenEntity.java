package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;

/** An opaque access token ({@code oidc_opaque_access_token}), keyed by the token's digest. */
@Entity
@Table(name = "oidc_opaque_access_token")
public class OpaqueAccessTokenEntity {
    @Id
    @Column(name = "token_digest")
    String tokenDigest;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "subject")
    String subject;
    @Column(name = "grant_id")
    String grantId;
    @Column(name = "scopes")
    String scopes;
    @Column(name = "resources")
    String resources;
    @Column(name = "dpop_jkt")
    String dpopJkt;
    @Column(name = "cert_thumbprint")
    String certThumbprint;
    @Column(name = "issued_at")
    LocalDateTime issuedAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "revoked")
    boolean revoked;

    protected OpaqueAccessTokenEntity() {
    }

    public static OpaqueAccessTokenEntity of(OpaqueAccessToken t, String digest) {
        OpaqueAccessTokenEntity e = new OpaqueAccessTokenEntity();
        e.tokenDigest = digest;
        e.clientId = t.clientId();
        e.subject = t.subject();
        e.grantId = t.grantId();
        e.scopes = Json.array(t.scopes());
        e.resources = Json.array(t.resources());
        e.dpopJkt = t.dpopJkt();
        e.certThumbprint = t.certThumbprint();
        e.issuedAt = Times.db(t.issuedAt());
        e.expiresAt = Times.db(t.expiresAt());
        e.revoked = t.revoked();
        return e;
    }

    /**
     * The plain-JDBC insert of this row (see {@code TxRunner.sql}): a duplicate key must reach the caller
     * as {@code DuplicateRecordException} without EclipseLink logging its stack trace at WARNING.
     */
    public static final String INSERT = "INSERT INTO oidc_opaque_access_token (token_digest, client_id, subject,"
            + " grant_id, scopes, resources, dpop_jkt, cert_thumbprint, issued_at, expires_at, revoked) VALUES ("
            + Sql.marks(11) + ")";

    /** Binds the columns of {@link #INSERT}, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, tokenDigest);
        ps.setString(2, clientId);
        Sql.setString(ps, 3, subject);
        Sql.setString(ps, 4, grantId);
        ps.setString(5, scopes);
        ps.setString(6, resources);
        Sql.setString(ps, 7, dpopJkt);
        Sql.setString(ps, 8, certThumbprint);
        Sql.setTimestamp(ps, 9, issuedAt);
        Sql.setTimestamp(ps, 10, expiresAt);
        ps.setBoolean(11, revoked);
    }

    public boolean liveAt(LocalDateTime now) {
        return expiresAt.isAfter(now);
    }

    public String digest() {
        return tokenDigest;
    }

    public OpaqueAccessToken toRecord(String presented) {
        return CorruptRowException.decode("oidc_opaque_access_token", () ->
                OpaqueAccessToken.builder().token(presented).clientId(clientId).subject(subject).grantId(grantId)
                    .scopes(Json.set(scopes)).resources(Json.list(resources)).dpopJkt(dpopJkt)
                    .certThumbprint(certThumbprint).issuedAt(Times.instant(issuedAt))
                    .expiresAt(Times.instant(expiresAt))
                    .revoked(revoked).build());
    }
}
