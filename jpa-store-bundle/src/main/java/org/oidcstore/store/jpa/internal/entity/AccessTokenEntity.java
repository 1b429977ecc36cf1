package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.oidcstore.store.jpa.internal.row.AccessTokenRow;
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

    /** The row's values, decoded as every read of the table decodes them. */
    public AccessTokenRow row() {
        return new AccessTokenRow(jtiDigest, clientId, subject, grantId, scopes, Times.instant(issuedAt),
                Times.instant(expiresAt), revoked);
    }
}
