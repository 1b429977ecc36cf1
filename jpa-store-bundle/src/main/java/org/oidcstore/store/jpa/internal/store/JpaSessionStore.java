package org.oidcstore.store.jpa.internal.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.SessionEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.spi.KeysetCursor;

/**
 * Login sessions on {@code oidc_session}. The chooser group is a column of the session row, so
 * moving, deleting and listing are single-row or single-statement operations and the group can
 * never list a deleted session. A session id or chooser group that could never have been stored
 * ({@code Arguments.isStorableId}) is absent without a statement.
 */
public final class JpaSessionStore implements SessionStore {
    private static final String NAME = "sessions";
    /** What the GC deletes: sessions past their expiry. */
    public static final Sweep SWEEP = Sweep.expiresAt(StoreKind.SESSIONS, "oidc_session", "session_id");

    private final TxRunner tx;
    private final StoreContext ctx;

    public JpaSessionStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
    }

    @Override
    public void save(Session session) {
        Objects.requireNonNull(session, "session");
        String sql = Sql.upsert(ctx.dialect(), "oidc_session", SessionEntity.COLUMNS);
        tx.run(NAME, "save", em -> Sql.update(em, sql, SessionEntity.values(session)));
    }

    @Override
    public Optional<Session> find(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (!Arguments.isStorableId(sessionId)) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "find", em -> Optional.ofNullable(em.find(SessionEntity.class, sessionId))
                .filter(s -> Expiry.isLive(s.expiresAt(), Times.instant(now))).map(SessionEntity::toRecord));
    }

    /**
     * One conditional UPDATE on a live row: a delete that committed first leaves nothing to
     * match, and a delete that comes after removes the touched row, so touch never resurrects.
     */
    @Override
    public boolean touch(String sessionId, Instant newExpiresAt) {
        Objects.requireNonNull(sessionId, "sessionId");
        Instant nowInstant = ctx.now();
        LocalDateTime exp = Times.db(Arguments.futureInstant(newExpiresAt, "newExpiresAt", nowInstant));
        if (!Arguments.isStorableId(sessionId)) {
            return false;
        }
        LocalDateTime now = Times.db(nowInstant);
        return tx.run(NAME, "touch", em -> em.createQuery("UPDATE SessionEntity s SET s.expiresAt = :exp,"
                        + " s.updatedAt = :now WHERE s.sessionId = :id AND s.expiresAt > :now")
                .setParameter("exp", exp).setParameter("now", now).setParameter("id", sessionId)
                .executeUpdate() == 1);
    }

    /**
     * One conditional DELETE of a live row: an expired session is absent, as on every tier, so
     * deleting it reports {@code false}; its row is left to the GC.
     */
    @Override
    public boolean delete(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (!Arguments.isStorableId(sessionId)) {
            return false;
        }
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "delete", em -> em.createQuery("DELETE FROM SessionEntity s WHERE s.sessionId = :id"
                        + " AND s.expiresAt > :now")
                .setParameter("id", sessionId).setParameter("now", now).executeUpdate() > 0);
    }

    /**
     * Keyset pagination on {@code (created_at, session_id)}: live rows strictly after the cursor's
     * key, {@code limit + 1} of them to learn whether a next page exists.
     */
    @Override
    public KeysetPage<Session> listByChooserGroup(String chooserGroup, String afterCursor, int limit) {
        Objects.requireNonNull(chooserGroup, "chooserGroup");
        return page("listByChooserGroup", "chooserGroup", chooserGroup, afterCursor, limit);
    }

    /**
     * As {@link #listByChooserGroup}, on the subject column (V1's {@code oidc_session_subject_ix}
     * finds the subject's rows; the database sorts those few and reads {@code limit + 1}).
     */
    @Override
    public KeysetPage<Session> listBySubject(String subject, String afterCursor, int limit) {
        Objects.requireNonNull(subject, "subject");
        return page("listBySubject", "subject", subject, afterCursor, limit);
    }

    /** One keyset page of the live sessions whose {@code field} is {@code value}. */
    private KeysetPage<Session> page(String op, String field, String value, String afterCursor, int limit) {
        Arguments.pageSize(limit);
        KeysetCursor after = KeysetCursor.parse(afterCursor);
        if (!Arguments.isStorableId(value)) {
            return KeysetPage.of(List.of(), limit, s -> null);
        }
        LocalDateTime now = ctx.dbNow();
        List<Session> fetched = tx.run(NAME, op, em -> {
            var q = em.createQuery("SELECT s FROM SessionEntity s WHERE s." + field + " = :value AND s.expiresAt > :now"
                            + (after == null ? "" : " AND (s.createdAt > :afterAt OR (s.createdAt = :afterAt"
                                    + " AND s.sessionId > :afterId))")
                            + " ORDER BY s.createdAt, s.sessionId", SessionEntity.class)
                    .setParameter("value", value).setParameter("now", now).setMaxResults(limit + 1);
            if (after != null) {
                q.setParameter("afterAt", Times.db(after.at())).setParameter("afterId", after.id());
            }
            return q.getResultList().stream().map(SessionEntity::toRecord).toList();
        });
        return KeysetPage.of(fetched, limit, s -> new KeysetCursor(s.createdAt(), s.sessionId()).format());
    }

    /**
     * One DELETE of the subject's live rows (the count); its expired rows are left to the GC, as
     * {@link #delete} leaves them. A session saved concurrently is either in the statement's rows
     * (deleted) or committed after it (kept whole): it is one row, with its group in it.
     */
    @Override
    public int deleteBySubject(String subject) {
        // the live sessions are counted; the expired ones are deleted too (an erasure leaves nothing)
        return SubjectRows.deleteCountingLive(tx, ctx, NAME, "deleteBySubject", "oidc_session", "subject", subject);
    }
}
