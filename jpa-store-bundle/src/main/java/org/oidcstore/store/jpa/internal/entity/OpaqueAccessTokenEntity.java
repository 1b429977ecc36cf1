package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.jpa.internal.CorruptRowException;
import org.oidcstore.store.jpa.internal.Json;
import org.oidcstore.store.jpa.internal.Times;

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
