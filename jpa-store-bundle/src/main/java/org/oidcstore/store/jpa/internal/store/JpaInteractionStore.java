package org.oidcstore.store.jpa.internal.store;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.InteractionEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

/**
 * Login interactions on {@code oidc_interaction}, with compare-and-swap: the engine compares the
 * stored bytes with the expected ones ({@code state = ?} on BYTEA / MEDIUMBLOB / VARBINARY, a
 * byte-wise comparison) in the same conditional statement that writes, so one of several
 * concurrent swaps from the same state matches and the others find the new state. An interaction
 * id that could never have been stored ({@code Arguments.isStorableId}) is absent without a
 * statement.
 */
public final class JpaInteractionStore implements InteractionCompareAndSwap {
    private static final String NAME = "interactions";
    /** What the GC deletes: interactions past their expiry. */
    public static final Sweep SWEEP = Sweep.expiresAt(StoreKind.INTERACTIONS, "oidc_interaction", "interaction_id");

    private final TxRunner tx;
    private final StoreContext ctx;

    public JpaInteractionStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
    }

    @Override
    public void save(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        String sql = Sql.upsert(ctx.dialect(), "oidc_interaction", InteractionEntity.COLUMNS);
        tx.sql(NAME, "save", c -> Sql.insert(c, sql, ps -> InteractionEntity.bind(ps, interaction)));
    }

    @Override
    public Optional<Interaction> find(String interactionId) {
        Objects.requireNonNull(interactionId, "interactionId");
        if (!Arguments.isStorableId(interactionId)) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "find", em -> Optional.ofNullable(em.find(InteractionEntity.class, interactionId))
                .filter(i -> Expiry.isLive(i.expiresAt(), Times.instant(now))).map(InteractionEntity::toRecord));
    }

    /**
     * One conditional DELETE of a live row: an expired interaction is absent, as on every tier, so
     * deleting it reports {@code false}; its row is left to the GC.
     */
    @Override
    public boolean delete(String interactionId) {
        Objects.requireNonNull(interactionId, "interactionId");
        if (!Arguments.isStorableId(interactionId)) {
            return false;
        }
        LocalDateTime now = ctx.dbNow();
        return tx.run(NAME, "delete", em -> em.createQuery("DELETE FROM InteractionEntity i"
                        + " WHERE i.interactionId = :id AND i.expiresAt > :now")
                .setParameter("id", interactionId).setParameter("now", now).executeUpdate() > 0);
    }

    @Override
    public void compareAndSwap(byte[] expectedState, Interaction next) {
        Objects.requireNonNull(expectedState, "expectedState");
        Objects.requireNonNull(next, "next");
        LocalDateTime now = ctx.dbNow();
        int n = tx.run(NAME, "compareAndSwap", em -> em.createQuery("UPDATE InteractionEntity i SET i.state = :state,"
                        + " i.subject = :subject, i.createdAt = :createdAt, i.expiresAt = :expiresAt WHERE i.interactionId = :id"
                        + " AND i.state = :expected AND i.expiresAt > :now")
                .setParameter("state", next.state()).setParameter("subject", next.subject()).setParameter("createdAt", Times.db(next.createdAt()))
                .setParameter("expiresAt", Times.db(next.expiresAt())).setParameter("id", next.interactionId())
                .setParameter("expected", expectedState).setParameter("now", now).executeUpdate());
        if (n == 0) {
            // the interaction id is a login's handle: it stays out of messages and logs
            throw new ConflictException("jpa interactions.compareAndSwap: the interaction does not hold the"
                    + " expected state (changed, absent or expired); re-read it");
        }
    }

    @Override
    public void deleteIfUnchanged(String interactionId, byte[] expectedState) {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(expectedState, "expectedState");
        LocalDateTime now = ctx.dbNow();
        int n = !Arguments.isStorableId(interactionId) ? 0 : tx.run(NAME, "deleteIfUnchanged", em -> em.createQuery("DELETE FROM InteractionEntity i"
                        + " WHERE i.interactionId = :id AND i.state = :expected AND i.expiresAt > :now")
                .setParameter("id", interactionId).setParameter("expected", expectedState).setParameter("now", now)
                .executeUpdate());
        if (n == 0) {
            throw new ConflictException("jpa interactions.deleteIfUnchanged: the interaction does not hold the"
                    + " expected state (changed, absent or expired); re-read it");
        }
    }

    /** Every interaction naming the subject (column {@code subject}): live rows counted, expired ones deleted too. */
    @Override
    public int eraseSubject(String subject) {
        return SubjectRows.deleteCountingLive(tx, ctx, NAME, "eraseSubject", "oidc_interaction", "subject", subject);
    }
}
