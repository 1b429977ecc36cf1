package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Times;

/**
 * An initial access token ({@code oidc_initial_access_token}), keyed by the token's digest. Written
 * over plain JDBC by {@code JpaInitialAccessTokenStore} (insert, conditional use, delete); read here.
 */
@Entity
@Table(name = "oidc_initial_access_token")
public class InitialAccessTokenEntity {
    /** The insert of a new token: digest, created, expires, max uses, policy ({@code uses} starts at 0). */
    public static final String INSERT = "INSERT INTO oidc_initial_access_token (token_digest, created_at, expires_at,"
            + " max_uses, uses, policy) VALUES (?, ?, ?, ?, 0, ?)";

    @Id
    @Column(name = "token_digest")
    String tokenDigest;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "max_uses")
    Integer maxUses;
    @Column(name = "uses")
    int uses;
    @Column(name = "policy")
    String policy;

    protected InitialAccessTokenEntity() {
    }

    public String digest() {
        return tokenDigest;
    }

    /** The values of {@link #INSERT} for {@code t} stored under {@code digest}. */
    public static Object[] insertValues(InitialAccessToken t, String digest) {
        return new Object[] {digest, Times.db(t.createdAt()), Times.db(t.expiresAt()), t.maxUses(),
            Json.object(t.policy())};
    }

    /** The record, carrying the value the caller presented. */
    public InitialAccessToken toRecord(String presented) {
        return CorruptRowException.decode("oidc_initial_access_token", () -> new InitialAccessToken(presented,
                Times.instant(createdAt), Times.instant(expiresAt), maxUses, uses, Json.map(policy)));
    }
}
