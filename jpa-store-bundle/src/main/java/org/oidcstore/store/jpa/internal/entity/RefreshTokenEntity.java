package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Set;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.jpa.internal.Json;
import org.oidcstore.store.jpa.internal.Times;

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

    public static RefreshTokenEntity of(RefreshToken t, String digest, String parentDigest, String rootDigest) {
        RefreshTokenEntity e = new RefreshTokenEntity();
        e.tokenDigest = digest;
        e.parentDigest = parentDigest;
        e.rootDigest = rootDigest;
        e.clientId = t.clientId();
        e.subject = t.subject();
        e.grantId = t.grantId();
        e.scopes = Json.array(t.scopes());
        e.resources = Json.array(t.resources());
        e.authTime = Times.db(t.authTime());
        e.acr = t.acr();
        e.amr = Json.array(t.amr());
        e.nonce = t.nonce();
        e.sessionId = t.sessionId();
        e.dpopJkt = t.dpopJkt();
        e.certThumbprint = t.certThumbprint();
        e.expiresAt = Times.db(t.expiresAt());
        e.consumedAt = Times.db(t.consumedAt());
        e.revoked = t.revoked();
        e.createdAt = Times.db(t.createdAt());
        return e;
    }

    public String digest() {
        return tokenDigest;
    }

    public String rootDigest() {
        return rootDigest;
    }

    public String clientId() {
        return clientId;
    }

    public String grantId() {
        return grantId;
    }

    public Set<String> scopes() {
        return Json.set(scopes);
    }

    public boolean revoked() {
        return revoked;
    }

    public boolean consumed() {
        return consumedAt != null;
    }

    public boolean liveAt(LocalDateTime now) {
        return expiresAt.isAfter(now);
    }

    /** The record, carrying the bearer value the caller presented. */
    public RefreshToken toRecord(String presented) {
        return RefreshToken.builder().token(presented).clientId(clientId).subject(subject).grantId(grantId)
                .scopes(Json.set(scopes)).resources(Json.list(resources)).authTime(Times.instant(authTime)).acr(acr)
                .amr(Json.list(amr)).nonce(nonce).sessionId(sessionId).dpopJkt(dpopJkt).certThumbprint(certThumbprint)
                .expiresAt(Times.instant(expiresAt)).consumedAt(Times.instant(consumedAt)).revoked(revoked)
                .createdAt(Times.instant(createdAt)).build();
    }
}
