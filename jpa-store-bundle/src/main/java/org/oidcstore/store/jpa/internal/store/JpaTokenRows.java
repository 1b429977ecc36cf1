package org.oidcstore.store.jpa.internal.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.gc.ExpiredRows;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.TokenRow;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

/**
 * The code the two access-token kinds share (JWT shadow rows, opaque tokens): rows keyed by the
 * digest of a bearer value, inserted over plain JDBC, looked up by every digest of the value (one
 * per configured pepper) in one statement, revoked one by one or by grant, purged through the GC's
 * batches. A value that could never have been stored is absent without a statement.
 *
 * @param <T> the API record
 * @param <E> the entity of the table (what JPQL names)
 * @param <R> the row the entity hands over and the insert binds
 */
abstract class JpaTokenRows<T, E, R extends TokenRow<T>> {
    private final String name;
    private final StoreKind kind;
    private final Class<E> entity;
    private final Function<E, R> row;
    private final Sweep sweep;
    private final TxRunner tx;
    private final StoreContext ctx;
    private final ExpiredRows expired;
    private final String select;
    private final String revoke;
    private final String revokeByGrantId;
    private final String revokeByClientId;

    /**
     * @param digestPath the JPQL path of the digest column, on the alias {@code t}
     */
    JpaTokenRows(StoreParts parts, String name, StoreKind kind, Class<E> entity, String digestPath,
            Function<E, R> row, Sweep sweep) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        this.expired = parts.expired();
        this.name = name;
        this.kind = kind;
        this.entity = entity;
        this.row = row;
        this.sweep = sweep;
        String byDigest = Sql.jpqlDigestIn(digestPath, ctx.digestCount());
        String from = entity.getSimpleName() + " t";
        this.select = "SELECT t FROM " + from + " WHERE " + byDigest;
        this.revoke = "UPDATE " + from + " SET t.revoked = TRUE WHERE " + byDigest
                + " AND t.revoked = FALSE AND t.expiresAt > :now";
        this.revokeByGrantId = "UPDATE " + from + " SET t.revoked = TRUE WHERE t.grantId = :grantId"
                + " AND t.revoked = FALSE";
        this.revokeByClientId = "UPDATE " + from + " SET t.revoked = TRUE WHERE t.clientId = :clientId"
                + " AND t.revoked = FALSE";
    }

    /** The digest a new row of {@code value} is stored under: the newest pepper's. */
    final String digest(String value) {
        return ctx.digest(kind, value);
    }

    /** Inserts a row over plain JDBC: a duplicate digest is {@code DuplicateRecordException}. */
    final void insert(String operation, String insert, Sql.Binder binder) {
        tx.sql(name, operation, c -> Sql.insert(c, insert, binder));
    }

    /** The live row of {@code value}, as its record; empty when absent, expired or never storable. */
    final Optional<T> lookUp(String value) {
        if (!Arguments.isStorableId(value)) {
            return Optional.empty(); // never stored, and its digest may be a look-alike's
        }
        List<String> digests = ctx.digests(kind, value);
        Instant now = ctx.now();
        return tx.run(name, "find", em -> Sql.digests(em.createQuery(select, entity), digests).getResultList()
                .stream().map(row)
                .filter(r -> ctx.matches(kind, value, r.digest()) && Expiry.isLive(r.expiresAt(), now))
                .findFirst().map(r -> r.toRecord(value)));
    }

    /** Marks the live row of {@code value} revoked; whether this call did. */
    final boolean revokeOne(String value) {
        if (!Arguments.isStorableId(value)) {
            return false;
        }
        List<String> digests = ctx.digests(kind, value);
        LocalDateTime now = ctx.dbNow();
        return tx.run(name, "revoke", em -> Sql.digests(em.createQuery(revoke), digests)
                .setParameter("now", now).executeUpdate() > 0);
    }

    /** Marks every row of the grant revoked; how many this call did. */
    final int revokeAllOf(String grantId) {
        if (!Arguments.isStorableId(grantId)) {
            return 0;
        }
        return tx.run(name, "revokeByGrant", em -> em.createQuery(revokeByGrantId)
                .setParameter("grantId", grantId).executeUpdate());
    }

    /** Marks every row of the client revoked, in one statement (the client-id index); how many this call did. */
    final int revokeAllOfClient(String clientId) {
        if (!Arguments.isStorableId(clientId)) {
            return 0;
        }
        return tx.run(name, "revokeByClient", em -> em.createQuery(revokeByClientId)
                .setParameter("clientId", clientId).executeUpdate());
    }

    /** Deletes every row of {@code subject}, expired ones included ({@link SubjectRows#deleteAll}). */
    final int eraseAllOf(String subject) {
        return SubjectRows.deleteAll(tx, name, sweep.table(), "subject", subject);
    }

    /**
     * In batches of {@code oidc.store.jpa.gc.batch-size} rows, each its own short transaction (as
     * the GC's, whose code it is), so a large purge never holds its locks for long; the caller's
     * transaction is suspended meanwhile.
     */
    final int purge(Instant cutoff) {
        return expired.delete(sweep, ctx.purgeCutoff(cutoff)).deleted();
    }
}
