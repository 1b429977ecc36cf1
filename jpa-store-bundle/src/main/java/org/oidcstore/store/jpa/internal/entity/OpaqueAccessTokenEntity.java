package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.oidcstore.store.jpa.internal.row.OpaqueAccessTokenRow;
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

    /** The row's values, decoded as every read of the table decodes them. */
    public OpaqueAccessTokenRow row() {
        return new OpaqueAccessTokenRow(tokenDigest, clientId, subject, grantId, scopes, resources, dpopJkt,
                certThumbprint, Times.instant(issuedAt), Times.instant(expiresAt), revoked);
    }
}
