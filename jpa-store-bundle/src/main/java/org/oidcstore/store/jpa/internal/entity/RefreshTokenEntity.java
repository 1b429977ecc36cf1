package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * One link of a refresh-token chain ({@code oidc_refresh_token}): the token's digest, its parent's
 * digest ({@code null} for a root) and the chain root's digest (a root's own), never raw values.
 */
@Entity
@Table(name = "oidc_refresh_token")
public class RefreshTokenEntity {
    @Id
    @Column(name = "token_digest")
    String tokenDigest;
    @Column(name = "parent_digest")
    String parentDigest;
    @Column(name = "root_digest")
    String rootDigest;
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
    @Column(name = "auth_time")
    LocalDateTime authTime;
    @Column(name = "acr")
    String acr;
    @Column(name = "amr")
    String amr;
    @Column(name = "nonce")
    String nonce;
    @Column(name = "session_id")
    String sessionId;
    @Column(name = "dpop_jkt")
    String dpopJkt;
    @Column(name = "cert_thumbprint")
    String certThumbprint;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "consumed_at")
    LocalDateTime consumedAt;
    @Column(name = "revoked")
    boolean revoked;
    @Column(name = "created_at")
    LocalDateTime createdAt;

    protected RefreshTokenEntity() {
    }
}
