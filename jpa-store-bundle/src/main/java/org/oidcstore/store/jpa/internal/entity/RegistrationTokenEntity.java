package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Times;

/**
 * The registration access token of one client ({@code oidc_registration_token}), keyed by client
 * id, holding the token's digest (unique across clients). Written over plain JDBC by
 * {@code JpaRegistrationAccessTokenStore}; read here.
 */
@Entity
@Table(name = "oidc_registration_token")
public class RegistrationTokenEntity {
    @Id
    @Column(name = "client_id")
    String clientId;
    @Column(name = "token_digest")
    String tokenDigest;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;

    protected RegistrationTokenEntity() {
    }

    public String digest() {
        return tokenDigest;
    }

    public Instant expiresAt() {
        return Times.instant(expiresAt);
    }

    /** The record without its bearer value (the store cannot give it back). */
    public RegistrationAccessToken toRecord() {
        return CorruptRowException.decode("oidc_registration_token", () -> new RegistrationAccessToken(clientId, null,
                Times.instant(createdAt), Times.instant(expiresAt)));
    }
}
