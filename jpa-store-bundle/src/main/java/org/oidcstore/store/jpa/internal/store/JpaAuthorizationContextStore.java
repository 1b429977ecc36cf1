package org.oidcstore.store.jpa.internal.store;

import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.AuthorizationContextStore;
import org.oidcstore.store.Limits;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.AuthorizationContextEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

/**
 * Authorization contexts on {@code oidc_authorization_context}, one row per grant.
 *
 * <p>The context is sealed at rest ({@code SecretDigest.sealBytes}, AES-256-GCM under a key derived
 * from the newest secret pepper, bound to the grant id): it names the end user (the provider's
 * serialized principal and request), so a copy of the table reveals nothing without the pepper, and
 * a context copied to another grant's row does not open there. A row no configured pepper opens
 * (sealed under a dropped pepper, or damaged) is absent, as the tokens digested with that pepper are.
 *
 * <p>A save is two statements on the transaction's connection: first the ID-token binding is
 * cleared where it must not survive (another grant holding the same ID token when one is bound; an
 * expired row of this grant when none is), then one upsert of the row, with or without the
 * {@code id_token_digest} column (without it, the engine keeps the column's value). A lookup by ID
 * token reads the unique index on {@code id_token_digest}, then compares the digest in constant time.
 */
public final class JpaAuthorizationContextStore implements AuthorizationContextStore {
    private static final String NAME = "authorization-contexts";
    private static final StoreKind KIND = StoreKind.AUTHORIZATION_CONTEXTS;
    private static final String TABLE = "oidc_authorization_context";
    /** What the GC deletes: contexts past their expiry. */
    public static final Sweep SWEEP = Sweep.expiresAt(KIND, TABLE, "grant_id");

    private final TxRunner tx;
    private final StoreContext ctx;

    public JpaAuthorizationContextStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
    }

    @Override
    public void save(AuthorizationContext context, String idToken) {
        Objects.requireNonNull(context, "context");
        if (idToken != null) {
            Arguments.token(idToken, "idToken", Limits.MAX_ID_TOKEN_LENGTH);
        }
        byte[] sealed = ctx.sealBytes(KIND, context.context(), context.grantId());
        String digest = idToken == null ? null : ctx.digest(KIND, idToken);
        List<String> digests = idToken == null ? List.of() : ctx.digests(KIND, idToken);
        LocalDateTime now = ctx.dbNow();
        String clear = idToken == null
                ? "UPDATE " + TABLE + " SET id_token_digest = NULL WHERE grant_id = ? AND expires_at <= ?"
                        + " AND id_token_digest IS NOT NULL"
                : "UPDATE " + TABLE + " SET id_token_digest = NULL WHERE " + Sql.digestIn("id_token_digest",
                        digests.size()) + " AND grant_id <> ?";
        String upsert = Sql.upsert(ctx.dialect(), TABLE, idToken == null ? AuthorizationContextEntity.COLUMNS
                : AuthorizationContextEntity.COLUMNS_WITH_ID_TOKEN);
        tx.sql(NAME, "save", c -> {
            try (PreparedStatement ps = c.prepareStatement(clear)) {
                if (idToken == null) {
                    ps.setString(1, context.grantId());
                    Sql.setTimestamp(ps, 2, now);
                } else {
                    ps.setString(Sql.bindAll(ps, 1, digests), context.grantId());
                }
                ps.executeUpdate();
            }
            return Sql.insert(c, upsert, ps -> AuthorizationContextEntity.bind(ps, context, sealed, digest));
        });
    }

    @Override
    public Optional<AuthorizationContext> find(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        if (!Arguments.isStorableId(grantId)) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "find", em -> Optional.ofNullable(em.find(AuthorizationContextEntity.class, grantId))
                .filter(e -> Expiry.isLive(e.expiresAt(), Times.instant(now))).flatMap(this::open));
    }

    @Override
    public Optional<AuthorizationContext> findByIdToken(String idToken) {
        Objects.requireNonNull(idToken, "idToken");
        if (!Arguments.isStorableToken(idToken, Limits.MAX_ID_TOKEN_LENGTH)) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        String jpql = "SELECT e FROM AuthorizationContextEntity e WHERE "
                + Sql.jpqlDigestIn("e.idTokenDigest", ctx.digestCount()) + " AND e.expiresAt > :now";
        return tx.run(NAME, "findByIdToken", em -> Sql.digests(em.createQuery(jpql, AuthorizationContextEntity.class),
                        ctx.digests(KIND, idToken)).setParameter("now", now).getResultList().stream()
                .filter(e -> ctx.matches(KIND, idToken, e.idTokenDigest())).findFirst().flatMap(this::open));
    }

    /** The record of a row whose context a configured pepper opens; empty otherwise. */
    private Optional<AuthorizationContext> open(AuthorizationContextEntity e) {
        return ctx.unsealBytes(KIND, e.sealed(), e.grantId()).map(e::toRecord);
    }

    /**
     * One conditional DELETE of a live row: an expired context is absent, as on every tier, so
     * deleting it reports {@code false}; its row is left to the GC.
     */
    @Override
    public boolean delete(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        if (!Arguments.isStorableId(grantId)) {
            return false;
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "delete", c -> Sql.update(c, "DELETE FROM " + TABLE
                + " WHERE grant_id = ? AND expires_at > ?", grantId, now) > 0);
    }

    /** One {@code DELETE ... WHERE subject = ?} over the subject's index; expired rows counted too. */
    @Override
    public int eraseSubject(String subject) {
        return SubjectRows.deleteAll(tx, NAME, TABLE, "subject", subject);
    }
}
