package org.oidcstore.store.jpa.internal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.AccessTokenEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.AccessTokenRow;

/**
 * Shadow rows of JWT access tokens on {@code oidc_access_token}, by JWT-ID digest (the shared
 * code of both access-token kinds is {@link JpaTokenRows}).
 */
public final class JpaAccessTokenRegistry extends JpaTokenRows<JwtAccessToken, AccessTokenEntity, AccessTokenRow>
        implements AccessTokenRegistry {
    /** What the GC and {@code purgeExpired} delete: tokens past their expiry. */
    public static final Sweep SWEEP = Sweep.expiresAt(StoreKind.ACCESS_TOKENS, "oidc_access_token", "jti_digest");

    public JpaAccessTokenRegistry(StoreParts parts) {
        super(parts, "access-tokens", StoreKind.ACCESS_TOKENS, AccessTokenEntity.class, "t.jtiDigest",
                AccessTokenEntity::row, SWEEP);
    }

    @Override
    public void register(JwtAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.revoked()) {
            throw new IllegalArgumentException("a newly issued access token must not be revoked");
        }
        AccessTokenRow row = AccessTokenRow.of(token, digest(token.jti()));
        insert("register", AccessTokenRow.INSERT, row::bind);
    }

    @Override
    public Optional<JwtAccessToken> find(String jti) {
        Objects.requireNonNull(jti, "jti");
        return lookUp(jti);
    }

    @Override
    public boolean revoke(String jti) {
        Objects.requireNonNull(jti, "jti");
        return revokeOne(jti);
    }

    @Override
    public int revokeByGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return revokeAllOf(grantId);
    }

    @Override
    public int revokeByClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return revokeAllOfClient(clientId);
    }

    @Override
    public int purgeExpired(Instant cutoff) {
        return purge(cutoff);
    }
}
