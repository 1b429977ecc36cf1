package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.jpa.internal.Json;
import org.oidcstore.store.jpa.internal.Times;

/** An authorization code ({@code oidc_authorization_code}), keyed by the code's digest. */
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

    public static AuthorizationCodeEntity of(AuthorizationCode c, String digest) {
        AuthorizationCodeEntity e = new AuthorizationCodeEntity();
        e.codeDigest = digest;
        e.clientId = c.clientId();
        e.subject = c.subject();
        e.grantId = c.grantId();
        e.redirectUri = c.redirectUri();
        e.scopes = Json.array(c.scopes());
        e.resources = Json.array(c.resources());
        e.codeChallenge = c.codeChallenge();
        e.codeChallengeMethod = c.codeChallengeMethod();
        e.nonce = c.nonce();
        e.dpopJkt = c.dpopJkt();
        e.sessionId = c.sessionId();
        e.authTime = Times.db(c.authTime());
        e.acr = c.acr();
        e.amr = Json.array(c.amr());
        e.expiresAt = Times.db(c.expiresAt());
        e.consumedAt = Times.db(c.consumedAt());
        e.createdAt = Times.db(c.createdAt());
        return e;
    }

    public String digest() {
        return codeDigest;
    }

    public boolean consumed() {
        return consumedAt != null;
    }

    public boolean liveAt(LocalDateTime now) {
        return expiresAt.isAfter(now);
    }

    /** The record, carrying the bearer value the caller presented. */
    public AuthorizationCode toRecord(String presented) {
        return AuthorizationCode.builder().code(presented).clientId(clientId).subject(subject).grantId(grantId)
                .redirectUri(redirectUri).scopes(Json.set(scopes)).resources(Json.list(resources))
                .codeChallenge(codeChallenge).codeChallengeMethod(codeChallengeMethod).nonce(nonce).dpopJkt(dpopJkt)
                .sessionId(sessionId).authTime(Times.instant(authTime)).acr(acr).amr(Json.list(amr))
                .expiresAt(Times.instant(expiresAt)).consumedAt(Times.instant(consumedAt))
                .createdAt(Times.instant(createdAt)).build();
    }
}
