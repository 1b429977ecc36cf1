package org.oidcstore.store.jpa.internal.store;

import java.util.List;
import java.util.Map;
import org.oidcstore.store.jpa.internal.row.RefreshTokenRow;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * The refresh-token rows the current JTA transaction consumed through one store, and so holds
 * locked, since its last revocation: what lets {@code save(child, parent)} skip the parent's
 * {@code SELECT … FOR UPDATE}.
 *
 * <p>When a transaction R's {@code consume} of the parent wins, its conditional {@code UPDATE} (row count 1) holds
 * the parent row's exclusive lock until R ends, on every engine (InnoDB record lock, PostgreSQL
 * row lock, H2 MVStore row lock; READ COMMITTED releases only the locks of rows a statement did
 * not change). No other transaction can change or delete the row meanwhile, so the row the
 * consume read back under that lock is the row a {@code SELECT … FOR UPDATE} in
 * {@code save(child, parent)} would return. {@code save} therefore uses it, and skips that
 * statement, when the same JTA transaction consumed the parent (kept as a transaction-scoped
 * resource of the synchronization registry, so it vanishes with the transaction and is never
 * seen by another one). The only statements of the tier that change the columns {@code save}
 * checks ({@code revoked}; {@code consumed_at} is set once, by that very consume; client, grant,
 * scopes, root and expiry never change) are the revocations, and a revocation in R forgets every
 * remembered row first, so a later {@code save} reads the parent again and sees R's own
 * revocation. Expiry is judged against
 * {@code save}'s clock, as before. Without a synchronization registry (a container that offers
 * none) {@code save} always reads the parent {@code FOR UPDATE}.
 */
final class LockedParents {
    /**
     * The transaction resource holding, by digest, the rows consumed. One key for every store of the
     * JVM so that a revocation through any of them forgets every row; each entry names the store
     * (and so the database) that locked it.
     */
    private static final Object LOCKED = new Object();

    private final TxRunner tx;
    private final Object owner;

    /** @param owner the store whose consumes these are (rows of another store, another database, are never used) */
    LockedParents(TxRunner tx, Object owner) {
        this.tx = tx;
        this.owner = owner;
    }

    /**
     * The row of one of {@code digests} when this transaction's winning consume (of the owner)
     * locked it and no revocation ran in this transaction since; else {@code null} (read it
     * {@code FOR UPDATE}).
     */
    RefreshTokenRow find(List<String> digests) {
        if (tx.txResource(LOCKED) instanceof Map<?, ?> locked) {
            for (String digest : digests) {
                if (locked.get(digest) instanceof Locked l && l.owner() == owner) {
                    return l.row();
                }
            }
        }
        return null;
    }

    /** Remembers {@code row}, which the owner's winning consume just locked; nothing without a registry. */
    void remember(RefreshTokenRow row) {
        Map<String, Locked> locked = tx.txMap(LOCKED);
        if (locked != null) {
            locked.put(row.digest(), new Locked(owner, row));
        }
    }

    /**
     * A revocation in this transaction may change remembered rows: forget them all, whichever
     * store of this JVM remembered them (so they are read again).
     */
    void forgetAll() {
        if (tx.txResource(LOCKED) instanceof Map<?, ?> locked) {
            locked.clear();
        }
    }

    /** A refresh-token row that {@code owner}'s winning consume locked in the current transaction. */
    private record Locked(Object owner, RefreshTokenRow row) {
    }
}
