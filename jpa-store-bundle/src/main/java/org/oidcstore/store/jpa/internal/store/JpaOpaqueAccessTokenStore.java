package org.oidcstore.store.jpa.internal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.OpaqueAccessTokenEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.OpaqueAccessTokenRow;

/**
 * Opaque access tokens on {@code oidc_opaque_access_token}, by token digest (the shared code of
 * both access-token kinds is {@link JpaTokenRows}).
 */
public final class JpaOpaqueAccessTokenStore
        extends JpaTokenRows<OpaqueAccessToken, OpaqueAccessTokenEntity, OpaqueAccessTokenRow>
        implements OpaqueAccessTokenStore {
    /** What the GC and {@code purgeExpired} delete: tokens past their expiry. */
    public static final Sweep SWEEP = Sweep.expiresAt(StoreKind.OPAQUE_ACCESS_TOKENS, "oidc_opaque_access_token",
            "token_digest");

    public JpaOpaqueAccessTokenStore(StoreParts parts) {
        super(parts, "opaque-access-tokens", StoreKind.OPAQUE_ACCESS_TOKENS, OpaqueAccessTokenEntity.class,
                "t.tokenDigest", OpaqueAccessTokenEntity::row, SWEEP);
    }

    @Override
    public void save(OpaqueAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.revoked()) {
            throw new IllegalArgumentException("a newly issued access token must not be revoked");
        }
        OpaqueAccessTokenRow row = OpaqueAccessTokenRow.of(token, digest(token.token()));
        insert("save", OpaqueAccessTokenRow.INSERT, row::bind);
    }

    @Override
    public Optional<OpaqueAccessToken> find(String token) {
        Objects.requireNonNull(token, "token");
        return lookUp(token);
    }

    @Override
    public boolean revoke(String token) {
        Objects.requireNonNull(token, "token");
        return revokeOne(token);
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

    /** One {@code DELETE ... WHERE subject = ?} over the subject's index; expired rows counted too. */
    @Override
    public int eraseSubject(String subject) {
        return eraseAllOf(subject);
    }
}
