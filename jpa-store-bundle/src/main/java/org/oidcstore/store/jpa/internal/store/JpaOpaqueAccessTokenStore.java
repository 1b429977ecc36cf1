package org.oidcstore.store.jpa.internal.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.OpaqueAccessTokenEntity;
import org.oidcstore.store.jpa.internal.gc.ExpiredRows;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;

/**
 * Opaque access tokens on {@code oidc_opaque_access_token}, by token digest: looked up by every
 * digest of the token (one per configured pepper) in one statement; a value that could never have
 * been stored is absent without a statement.
 */
public final class JpaOpaqueAccessTokenStore implements OpaqueAccessTokenStore {
    private static final String NAME = "opaque-access-tokens";
    private static final StoreKind KIND = StoreKind.OPAQUE_ACCESS_TOKENS;

    private final TxRunner tx;
    private final StoreContext ctx;
    private final ExpiredRows expired;
    private final String byDigest;

    public JpaOpaqueAccessTokenStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        this.expired = parts.expired();
        this.byDigest = Sql.jpqlDigestIn("t.tokenDigest", ctx.digestCount());
    }

    @Override
    public void save(OpaqueAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.revoked()) {
            throw new IllegalArgumentException("a newly issued access token must not be revoked");
        }
        String digest = ctx.digest(KIND, token.token());
        OpaqueAccessTokenEntity row = OpaqueAccessTokenEntity.of(token, digest);
        tx.sql(NAME, "save", c -> Sql.insert(c, OpaqueAccessTokenEntity.INSERT, row::bind));
    }

    @Override
    public Optional<OpaqueAccessToken> find(String token) {
        Objects.requireNonNull(token, "token");
        if (!Arguments.isStorableId(token)) {
            return Optional.empty(); // never stored, and its digest may be a look-alike's
        }
        List<String> digests = ctx.digests(KIND, token);
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "find", em -> Sql.digests(em.createQuery("SELECT t FROM OpaqueAccessTokenEntity t"
                        + " WHERE " + byDigest, OpaqueAccessTokenEntity.class), digests).getResultList().stream()
                .filter(e -> ctx.matches(KIND, token, e.digest()) && e.liveAt(now)).findFirst()
                .map(e -> e.toRecord(token)));
    }

    @Override
    public boolean revoke(String token) {
        Objects.requireNonNull(token, "token");
        if (!Arguments.isStorableId(token)) {
            return false;
        }
        List<String> digests = ctx.digests(KIND, token);
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "revoke", em -> Sql.digests(em.createQuery("UPDATE OpaqueAccessTokenEntity t"
                        + " SET t.revoked = TRUE WHERE " + byDigest + " AND t.revoked = FALSE AND t.expiresAt > :now"),
                digests).setParameter("now", now).executeUpdate() > 0);
    }

    @Override
    public int revokeByGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        if (!Arguments.isStorableId(grantId)) {
            return 0;
        }
        return tx.run(NAME, "revokeByGrant", em -> em.createQuery("UPDATE OpaqueAccessTokenEntity t"
                        + " SET t.revoked = TRUE WHERE t.grantId = :grantId AND t.revoked = FALSE")
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
        return expired.delete(ExpiredRows.OPAQUE_ACCESS_TOKENS, at).deleted();
    }
}
