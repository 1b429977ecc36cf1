package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.AuthorizationContextStore;
import org.oidcstore.store.Limits;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.AuthorizationContextEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.AuthorizationContextRow;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
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
 * <p>A save updates the grant's row by its primary key first (a record lock, no gap lock), and
 * only when the grant has no row yet upserts one. Binding an ID token another grant holds must
 * move it (the unique index on {@code id_token_digest} holds one grant per ID token): on MariaDB
 * and H2 the update runs first and, only if the index refuses it, the other grant's binding is
 * cleared and the update runs again (a failed statement rolls back alone there); on PostgreSQL a
 * failed statement aborts the transaction, so the binding is cleared by digest first (an index
 * lookup that locks nothing when no other grant holds it). The insert path always clears first:
 * MariaDB's {@code ON DUPLICATE KEY UPDATE} would otherwise update the other grant's row. Without an
 * ID token the update keeps the bound one while the row is live and drops it when the stored row
 * had expired (an expired context's ID token must not find the new one). So a save of a known
 * grant is one statement on MariaDB and H2 (two with an ID token on PostgreSQL), and of a new grant
 * two or three. The first cut cleared an expired binding with {@code UPDATE ... WHERE grant_id = ?
 * AND expires_at <= ? ...}: on a large table InnoDB walked the expiry index for it, locking other
 * transactions' entries, and deadlocked (1213) against upserts moving their rows' entries in that
 * index under 16 concurrent provider flows. Every statement of a save now finds its row by the
 * primary key (the expiry test is in the {@code SET}).
 *
 * <p>Within a JTA transaction the rows read are kept for its rest ({@link ContextRowsRead}): a
 * lookup of a grant whose token the transaction just found (the token's lookup read the context
 * row in the same statement) sends nothing, and a save of a grant the transaction found without a
 * row goes straight to the insert. So the lookup of a code or refresh token and its context is one
 * statement, and a new grant's save one statement fewer.
 *
 * <p>A lookup by ID token reads the unique index on {@code id_token_digest}, then compares the digest in constant time.
 */
public final class JpaAuthorizationContextStore implements AuthorizationContextStore {
    private static final String NAME = "authorization-contexts";
    private static final StoreKind KIND = StoreKind.AUTHORIZATION_CONTEXTS;
    private static final String TABLE = "oidc_authorization_context";
    /** What the GC deletes: contexts past their expiry. */
    public static final Sweep SWEEP = Sweep.expiresAt(KIND, TABLE, "grant_id");

    private static final String SET_REST = ", subject = ?, client_id = ?, context = ?, created_at = ?, expires_at = ?"
            + " WHERE grant_id = ?";
    private static final String UPDATE_KEEPING_ID_TOKEN = "UPDATE " + TABLE + " SET id_token_digest ="
            + " CASE WHEN expires_at <= ? THEN NULL ELSE id_token_digest END" + SET_REST;
    private static final String UPDATE_BINDING = "UPDATE " + TABLE + " SET id_token_digest = ?" + SET_REST;
    private static final String SELECT = "SELECT " + AuthorizationContextRow.COLUMNS + " FROM " + TABLE
            + " WHERE grant_id = ?";

    private final TxRunner tx;
    private final StoreContext ctx;
    private final String upsert;
    private final String upsertWithIdToken;
    private final ContextRowsRead read;

    public JpaAuthorizationContextStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        this.read = new ContextRowsRead(tx);
        this.upsert = Sql.upsert(ctx.dialect(), TABLE, AuthorizationContextEntity.COLUMNS);
        this.upsertWithIdToken = Sql.upsert(ctx.dialect(), TABLE, AuthorizationContextEntity.COLUMNS_WITH_ID_TOKEN);
    }

    @Override
    public void save(AuthorizationContext context, String idToken) {
        Objects.requireNonNull(context, "context");
        if (idToken != null) {
            Arguments.token(idToken, "idToken", Limits.MAX_ID_TOKEN_LENGTH);
        }
        byte[] sealed = ctx.sealBytes(KIND, context.context(), context.grantId());
        IdTokenBinding binding = idToken == null ? null
                : new IdTokenBinding(ctx.digest(KIND, idToken), ctx.digests(KIND, idToken), context.grantId());
        LocalDateTime now = ctx.dbNow();
        boolean clearFirst = binding != null && ctx.dialect() == Dialect.POSTGRESQL;
        ContextRowsRead.Read before = read.get(context.grantId());
        // no row when this transaction looked (the upsert below still decides if one appeared since)
        boolean absent = before != null && before.row() == null;
        read.forget(context.grantId());
        tx.sql(NAME, "save", c -> {
            if (clearFirst) {
                binding.clearElsewhere(c);
            }
            boolean updated = !absent && (binding == null ? update(c, context, sealed, null, now)
                    : binding.moving(c, !clearFirst, conn -> update(conn, context, sealed, binding.digest(), now))) > 0;
            if (updated) {
                return null;
            }
            if (binding != null && !clearFirst) {
                binding.clearElsewhere(c);
            }
            String digest = binding == null ? null : binding.digest();
            Sql.insert(c, digest == null ? upsert : upsertWithIdToken,
                    ps -> AuthorizationContextEntity.bind(ps, context, sealed, digest));
            return null;
        });
    }

    /**
     * Updates the grant's row; returns the row count (0: no row yet). The ID-token digest is set
     * first (MariaDB evaluates a single-table {@code UPDATE}'s assignments left to right, so the
     * expiry test must read the stored {@code expires_at} before it is replaced).
     */
    private static int update(Connection c, AuthorizationContext context, byte[] sealed, String digest,
            LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(digest == null ? UPDATE_KEEPING_ID_TOKEN : UPDATE_BINDING)) {
            int i = 1;
            if (digest == null) {
                Sql.setTimestamp(ps, i++, now);
            } else {
                ps.setString(i++, digest);
            }
            ps.setString(i++, context.subject());
            ps.setString(i++, context.clientId());
            ps.setBytes(i++, sealed);
            Sql.setInstant(ps, i++, context.createdAt());
            Sql.setInstant(ps, i++, context.expiresAt());
            ps.setString(i, context.grantId());
            return ps.executeUpdate();
        }
    }

    @Override
    public Optional<AuthorizationContext> find(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        if (!Arguments.isStorableId(grantId)) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        ContextRowsRead.Read known = read.get(grantId);
        AuthorizationContextRow row = known != null ? known.row() : tx.sql(NAME, "find", c -> select(c, grantId));
        if (known == null) {
            read.remember(grantId, row);
        }
        return Optional.ofNullable(row).filter(r -> Expiry.isLive(r.expiresAt(), Times.instant(now)))
                .flatMap(r -> ctx.unsealBytes(KIND, r.sealed(), r.grantId()).map(r::toRecord));
    }

    private static AuthorizationContextRow select(Connection c, String grantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, grantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? AuthorizationContextRow.read(rs, 1) : null;
            }
        }
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
        read.forget(grantId);
        return tx.sql(NAME, "delete", c -> Sql.update(c, "DELETE FROM " + TABLE
                + " WHERE grant_id = ? AND expires_at > ?", grantId, now) > 0);
    }

    /** One {@code DELETE ... WHERE subject = ?} over the subject's index; expired rows counted too. */
    @Override
    public int eraseSubject(String subject) {
        read.forgetAll();
        return SubjectRows.deleteAll(tx, NAME, TABLE, "subject", subject);
    }
}
