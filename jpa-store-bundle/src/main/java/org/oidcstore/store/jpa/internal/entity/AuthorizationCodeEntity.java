package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * An authorization code ({@code oidc_authorization_code}), keyed by the code's digest: the mapping
 * the schema check and JPQL see; every statement of the kind is plain JDBC over {@code row.AuthorizationCodeRow}.
 */
@Entity
@Table(name = "oidc_authorization_code")
public class AuthorizationCodeEntity {
    @Id
    @Column(name = "code_digest")
    String codeDigest;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "subject")
    String subject;
    @Column(name = "grant_id")
    String grantId;
    @Column(name = "redirect_uri")
    String redirectUri;
    @Column(name = "scopes")
    String scopes;
    @Column(name = "resources")
    String resources;
    @Column(name = "code_challenge")
    String codeChallenge;
    @Column(name = "code_challenge_method")
    String codeChallengeMethod;
    @Column(name = "nonce")
    String nonce;
    @Column(name = "dpop_jkt")
    String dpopJkt;
    @Column(name = "session_id")
    String sessionId;
    @Column(name = "auth_time")
    LocalDateTime authTime;
    @Column(name = "acr")
    String acr;
    @Column(name = "amr")
    String amr;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "consumed_at")
    LocalDateTime consumedAt;
    @Column(name = "created_at")
    LocalDateTime createdAt;

    protected AuthorizationCodeEntity() {
    }
}
