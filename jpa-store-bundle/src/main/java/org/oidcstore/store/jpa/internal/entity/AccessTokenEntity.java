package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;

/** The shadow row of a JWT access token ({@code oidc_access_token}), keyed by the JWT ID's digest. */
@Entity
@Table(name = "oidc_access_token")
public class AccessTokenEntity {
    @Id
    @Column(name = "jti_digest")
    String jtiDigest;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "subject")
    String subject;
    @Column(name = "grant_id")
    String grantId;
    @Column(name = "scopes")
    String scopes;
    @Column(name = "issued_at")
    LocalDateTime issuedAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "revoked")
    boolean revoked;

    protected AccessTokenEntity() {
    }

    public static AccessTokenEntity of(JwtAccessToken t, String digest) {
        AccessTokenEntity e = new AccessTokenEntity();
        e.jtiDigest = digest;
        e.clientId = t.clientId();
        e.subject = t.subject();
        e.grantId = t.grantId();
        e.scopes = Json.array(t.scopes());
        e.issuedAt = Times.db(t.issuedAt());
        e.expiresAt = Times.db(t.expiresAt());
        e.revoked = t.revoked();
        return e;
    }

    /**
     * The plain-JDBC insert of this row (see {@code TxRunner.sql}): a duplicate key must reach the caller
     * as {@code DuplicateRecordException} without EclipseLink logging its stack trace at WARNING.
     */
    public static final String INSERT = "INSERT INTO oidc_access_token (jti_digest, client_id, subject, grant_id,"
            + " scopes, issued_at, expires_at, revoked) VALUES (" + Sql.marks(8) + ")";

    /** Binds the columns of {@link #INSERT}, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, jtiDigest);
        ps.setString(2, clientId);
        Sql.setString(ps, 3, subject);
        Sql.setString(ps, 4, grantId);
        ps.setString(5, scopes);
        Sql.setTimestamp(ps, 6, issuedAt);
        Sql.setTimestamp(ps, 7, expiresAt);
        ps.setBoolean(8, revoked);
    }

    public boolean liveAt(LocalDateTime now) {
        return expiresAt.isAfter(now);
    }

    public String digest() {
        return jtiDigest;
    }

    public JwtAccessToken toRecord(String presented) {
        return CorruptRowException.decode("oidc_access_token", () ->
                new JwtAccessToken(presented, clientId, subject, grantId, Json.set(scopes), Times.instant(issuedAt),
                    Times.instant(expiresAt), revoked));
    }
}
