package org.oidcstore.store.jpa.internal.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.ExpiredRows;
import org.oidcstore.store.jpa.internal.Jpa;
import org.oidcstore.store.jpa.internal.Sql;
import org.oidcstore.store.jpa.internal.entity.AccessTokenEntity;

/** Shadow rows of JWT access tokens on {@code oidc_access_token}, by JWT-ID digest. */
public final class JpaAccessTokenRegistry implements AccessTokenRegistry {
    private static final String NAME = "access-tokens";
    private static final StoreKind KIND = StoreKind.ACCESS_TOKENS;

    private final Jpa jpa;
    private final ExpiredRows expired;

    public JpaAccessTokenRegistry(Jpa jpa, ExpiredRows expired) {
        this.jpa = jpa;
        this.expired = expired;
    }

    @Override
    public void register(JwtAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.revoked()) {
            throw new IllegalArgumentException("a newly issued access token must not be revoked");
        }
        String digest = jpa.digest(KIND, token.jti());
        AccessTokenEntity row = AccessTokenEntity.of(token, digest);
        jpa.sql(NAME, "register", c -> Sql.insert(c, AccessTokenEntity.INSERT, row::bind));
    }

    @Override
    public Optional<JwtAccessToken> find(String jti) {
        String digest = jpa.digest(KIND, jti);
        LocalDateTime now = jpa.dbNow();
        return jpa.tx(NAME, "find", em -> Optional.ofNullable(em.find(AccessTokenEntity.class, digest))
                .filter(e -> jpa.matches(KIND, jti, e.digest()) && e.liveAt(now))
                .map(e -> e.toRecord(jti)));
    }

    @Override
    public boolean revoke(String jti) {
        String digest = jpa.digest(KIND, jti);
        LocalDateTime now = jpa.dbNow();
        return jpa.tx(NAME, "revoke", em -> em.createQuery("UPDATE AccessTokenEntity t SET t.revoked = TRUE"
                        + " WHERE t.jtiDigest = :digest AND t.revoked = FALSE AND t.expiresAt > :now")
                .setParameter("digest", digest).setParameter("now", now).executeUpdate() == 1);
    }

    @Override
    public int revokeByGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return jpa.tx(NAME, "revokeByGrant", em -> em.createQuery("UPDATE AccessTokenEntity t SET t.revoked = TRUE"
                        + " WHERE t.grantId = :grantId AND t.revoked = FALSE")
                .setParameter("grantId", grantId).executeUpdate());
    }

    /**
     * In batches of {@code oidc.store.jpa.gc.batch-size} rows, each its own short transaction (as
     * the GC's, whose code it is), so a large purge never holds its locks for long; the caller's
     * transaction is suspended meanwhile.
     */
    @Override
    public int purgeExpired(Instant cutoff) {
        LocalDateTime at = jpa.purgeCutoff(cutoff);
        return expired.delete(ExpiredRows.ACCESS_TOKENS, at, at).deleted();
    }
}
