package org.oidcstore.store.jpa.internal.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.AccessTokenEntity;
import org.oidcstore.store.jpa.internal.gc.ExpiredRows;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;

/**
 * Shadow rows of JWT access tokens on {@code oidc_access_token}, by JWT-ID digest: looked up by
 * every digest of the JWT ID (one per configured pepper) in one statement; an identifier that could
 * never have been stored is absent without a statement.
 */
public final class JpaAccessTokenRegistry implements AccessTokenRegistry {
    private static final String NAME = "access-tokens";
    private static final StoreKind KIND = StoreKind.ACCESS_TOKENS;

    private final TxRunner tx;
    private final StoreContext ctx;
    private final ExpiredRows expired;
    private final String byDigest;

    public JpaAccessTokenRegistry(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        this.expired = parts.expired();
        this.byDigest = Sql.jpqlDigestIn("t.jtiDigest", ctx.digestCount());
    }

    @Override
    public void register(JwtAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.revoked()) {
            throw new IllegalArgumentException("a newly issued access token must not be revoked");
        }
        String digest = ctx.digest(KIND, token.jti());
        AccessTokenEntity row = AccessTokenEntity.of(token, digest);
        tx.sql(NAME, "register", c -> Sql.insert(c, AccessTokenEntity.INSERT, row::bind));
    }

    @Override
    public Optional<JwtAccessToken> find(String jti) {
        Objects.requireNonNull(jti, "jti");
        if (!Arguments.isStorableId(jti)) {
            return Optional.empty(); // never stored, and its digest may be a look-alike's
        }
        List<String> digests = ctx.digests(KIND, jti);
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "find", em -> Sql.digests(em.createQuery("SELECT t FROM AccessTokenEntity t WHERE "
                        + byDigest, AccessTokenEntity.class), digests).getResultList().stream()
                .filter(e -> ctx.matches(KIND, jti, e.digest()) && e.liveAt(now)).findFirst()
                .map(e -> e.toRecord(jti)));
    }

    @Override
    public boolean revoke(String jti) {
        Objects.requireNonNull(jti, "jti");
        if (!Arguments.isStorableId(jti)) {
            return false;
        }
        List<String> digests = ctx.digests(KIND, jti);
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "revoke", em -> Sql.digests(em.createQuery("UPDATE AccessTokenEntity t SET t.revoked"
                        + " = TRUE WHERE " + byDigest + " AND t.revoked = FALSE AND t.expiresAt > :now"), digests)
                .setParameter("now", now).executeUpdate() > 0);
    }

    @Override
    public int revokeByGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        if (!Arguments.isStorableId(grantId)) {
            return 0;
        }
        return tx.run(NAME, "revokeByGrant", em -> em.createQuery("UPDATE AccessTokenEntity t SET t.revoked = TRUE"
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
        LocalDateTime at = ctx.purgeCutoff(cutoff);
        return expired.delete(ExpiredRows.ACCESS_TOKENS, at).deleted();
    }
}
