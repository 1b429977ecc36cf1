package org.oidcstore.store.jpa.internal.store;

import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.GrantEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.GrantRow;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.spi.KeysetCursor;

/**
 * Consent grants on {@code oidc_grant}, with an optimistic version checked inside the engine. A
 * grant expired by the store clock is absent to every operation: found by none, deleted by none,
 * updated by none (the GC reclaims its row). A lookup by an identifier that could never have been
 * stored ({@code Arguments.isStorableId}) answers "absent" without a statement.
 */
public final class JpaGrantStore implements GrantStore {
    private static final String NAME = "grants";
    /** What the GC deletes: grants with an expiry, past it. */
    public static final Sweep SWEEP = new Sweep(StoreKind.GRANTS, "oidc_grant", "grant_id",
            "expires_at IS NOT NULL AND expires_at <= ?1");
    private static final String LIVE = "(g.expiresAt IS NULL OR g.expiresAt > :now)";

    private static final String INSERT = "INSERT INTO oidc_grant (" + GrantRow.COLUMNS + ") VALUES ("
            + Sql.marks(GrantRow.COLUMN_COUNT) + ")";
    private static final String UPDATE = "UPDATE oidc_grant SET subject = ?, client_id = ?, scopes = ?, resources = ?,"
            + " created_at = ?, updated_at = ?, expires_at = ?, version = version + 1 WHERE grant_id = ? AND version = ?"
            + " AND (expires_at IS NULL OR expires_at > ?)";

    private final TxRunner tx;
    private final StoreContext ctx;

    public JpaGrantStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
    }

    /**
     * An update is one conditional statement on {@code version = :read}: of concurrent updates of
     * the same version, the engine lets exactly one match (the others re-evaluate after its commit
     * and find the incremented version), and a deleted or expired grant matches none, so it is never
     * recreated or revived.
     * Both statements run over plain JDBC on the transaction's connection ({@code TxRunner.sql}).
     */
    @Override
    public Grant save(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        if (grant.version() == 0) {
            GrantRow row = GrantRow.of(grant, 1);
            tx.sql(NAME, "insert", c -> Sql.insert(c, INSERT, row::bind));
            return grant.withVersion(1);
        }
        GrantRow values = GrantRow.of(grant, grant.version());
        LocalDateTime now = ctx.dbNow();
        int n = tx.sql(NAME, "update", c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                ps.setString(1, grant.subject());
                ps.setString(2, grant.clientId());
                ps.setString(3, values.scopes());
                ps.setString(4, values.resources());
                Sql.setInstant(ps, 5, values.createdAt());
                Sql.setInstant(ps, 6, values.updatedAt());
                Sql.setInstant(ps, 7, values.expiresAt());
                ps.setString(8, grant.grantId());
                ps.setLong(9, grant.version());
                Sql.setTimestamp(ps, 10, now);
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw new ConflictException("grant " + grant.grantId() + " is no longer at version " + grant.version()
                    + " (changed, deleted or expired); re-read it");
        }
        return grant.withVersion(grant.version() + 1);
    }

    @Override
    public Optional<Grant> find(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        if (!Arguments.isStorableId(grantId)) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "find", em -> Optional.ofNullable(em.find(GrantEntity.class, grantId))
                .map(GrantEntity::row).filter(g -> Expiry.isLive(g.expiresAt(), Times.instant(now)))
                .map(GrantRow::toRecord));
    }

    @Override
    public Optional<Grant> findActive(String subject, String clientId) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        if (!Arguments.isStorableId(subject) || !Arguments.isStorableId(clientId)) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "findActive", em -> em.createQuery("SELECT g FROM GrantEntity g WHERE g.subject = :subject"
                        + " AND g.clientId = :clientId AND " + LIVE + " ORDER BY g.createdAt DESC, g.grantId DESC",
                GrantEntity.class).setParameter("subject", subject).setParameter("clientId", clientId)
                .setParameter("now", now).setMaxResults(1).getResultList().stream().findFirst()
                .map(GrantEntity::row).map(GrantRow::toRecord));
    }

    /**
     * Keyset pagination on {@code (created_at, grant_id)} descending: rows strictly before the
     * cursor's key, {@code limit + 1} of them to learn whether a next page exists.
     */
    @Override
    public KeysetPage<Grant> listBySubject(String subject, String afterCursor, int limit) {
        Objects.requireNonNull(subject, "subject");
        Arguments.pageSize(limit);
        KeysetCursor after = KeysetCursor.parse(afterCursor);
        if (!Arguments.isStorableId(subject)) {
            return KeysetPage.of(List.of(), limit, g -> null);
        }
        LocalDateTime now = ctx.dbNow();
        List<Grant> fetched = tx.run(NAME, "listBySubject", em -> {
            var q = em.createQuery("SELECT g FROM GrantEntity g WHERE g.subject = :subject AND " + LIVE
                            + (after == null ? "" : " AND (g.createdAt < :afterAt OR (g.createdAt = :afterAt"
                                    + " AND g.grantId < :afterId))")
                            + " ORDER BY g.createdAt DESC, g.grantId DESC", GrantEntity.class)
                    .setParameter("subject", subject).setParameter("now", now).setMaxResults(limit + 1);
            if (after != null) {
                q.setParameter("afterAt", Times.db(after.at())).setParameter("afterId", after.id());
            }
            return q.getResultList().stream().map(GrantEntity::row).map(GrantRow::toRecord).toList();
        });
        return KeysetPage.of(fetched, limit, g -> new KeysetCursor(g.createdAt(), g.grantId()).format());
    }

    @Override
    public boolean delete(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        if (!Arguments.isStorableId(grantId)) {
            return false;
        }
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "delete", em -> em.createQuery("DELETE FROM GrantEntity g WHERE g.grantId = :id AND "
                        + LIVE).setParameter("id", grantId).setParameter("now", now).executeUpdate() > 0);
    }

    /** One statement on the client-id index; expired rows go too (they are absent already, the GC's anyway). */
    @Override
    public int revokeByClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (!Arguments.isStorableId(clientId)) {
            return 0;
        }
        return tx.run(NAME, "revokeByClient", em -> em.createQuery("DELETE FROM GrantEntity g WHERE g.clientId = :clientId")
                .setParameter("clientId", clientId).executeUpdate());
    }

    /**
     * Keyset pagination on the subject, in the binary collation of the column, on the index
     * {@code (client_id, subject)} (schema version 5): subjects greater than the cursor,
     * {@code limit + 1} rows, read in index order, to learn whether a next page exists.
     */
    @Override
    public KeysetPage<String> listSubjects(String clientId, String afterSubject, int limit) {
        Objects.requireNonNull(clientId, "clientId");
        Arguments.pageSize(limit);
        if (afterSubject != null && !Arguments.isStorableId(afterSubject)) {
            throw new IllegalArgumentException("afterSubject is not a cursor of this listing");
        }
        if (!Arguments.isStorableId(clientId)) {
            return KeysetPage.of(List.of(), limit, s -> s);
        }
        LocalDateTime now = ctx.dbNow();
        List<String> subjects = tx.run(NAME, "listSubjects", em -> {
            var q = em.createQuery("SELECT DISTINCT g.subject FROM GrantEntity g WHERE g.clientId = :clientId AND "
                            + LIVE + (afterSubject == null ? "" : " AND g.subject > :after") + " ORDER BY g.subject",
                    String.class).setParameter("clientId", clientId).setParameter("now", now).setMaxResults(limit + 1);
            if (afterSubject != null) {
                q.setParameter("after", afterSubject);
            }
            return q.getResultList();
        });
        return KeysetPage.of(subjects, limit, s -> s);
    }

    /**
     * Keyset pagination on the client id, compared with the binary collation of the column
     * ({@code COLLATE "C"}, {@code utf8mb4_bin}): ids greater than the cursor, {@code limit + 1} rows
     * to learn whether a next page exists. A concurrent insert lands either before or after the
     * cursor, so an id present throughout is listed exactly once.
     */
    @Override
    public KeysetPage<String> listClientIds(String subject, String afterClientId, int limit) {
        Objects.requireNonNull(subject, "subject");
        Arguments.pageSize(limit);
        if (afterClientId != null && !Arguments.isStorableId(afterClientId)) {
            throw new IllegalArgumentException("afterClientId is not a cursor of this listing");
        }
        if (!Arguments.isStorableId(subject)) {
            return KeysetPage.of(List.of(), limit, id -> id);
        }
        LocalDateTime now = ctx.dbNow();
        List<String> ids = tx.run(NAME, "listClientIds", em -> {
            var q = em.createQuery("SELECT DISTINCT g.clientId FROM GrantEntity g WHERE g.subject = :subject AND "
                            + LIVE + (afterClientId == null ? "" : " AND g.clientId > :after") + " ORDER BY g.clientId",
                    String.class).setParameter("subject", subject).setParameter("now", now).setMaxResults(limit + 1);
            if (afterClientId != null) {
                q.setParameter("after", afterClientId);
            }
            return q.getResultList();
        });
        return KeysetPage.of(ids, limit, id -> id);
    }

    /** One {@code DELETE ... WHERE subject = ?} over the subject's index; expired rows counted too. */
    @Override
    public int eraseSubject(String subject) {
        return SubjectRows.deleteAll(tx, NAME, "oidc_grant", "subject", subject);
    }
}
