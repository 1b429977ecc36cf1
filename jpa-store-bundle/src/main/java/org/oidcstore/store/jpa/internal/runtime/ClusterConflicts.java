package org.oidcstore.store.jpa.internal.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What a single-use claim means when its transaction is rolled back by a concurrent one on another
 * database node. On a certification-based cluster (MariaDB Galera, MySQL Group Replication) two
 * nodes each let their own transaction win the conditional {@code UPDATE}; the cluster decides at
 * commit, or aborts the loser's next statement, with a deadlock ({@code 1213}, SQLState
 * {@code 40001}). Inside a transaction the store cannot retry (the caller's earlier work is gone
 * too), so each single-use operation registers a <em>verdict</em>: run after the rollback, in a
 * fresh transaction, it re-reads the record and returns the typed exception the contract asks for
 * ({@code AlreadyConsumedException} with the consumed record) when another transaction won, or
 * {@code null} when the record is not claimed (the conflict then stays a retryable
 * {@code ConflictException}). The verdict reads through a connection of its own with the data
 * source's causal-read setting, so it sees the winner's commit.
 */
final class ClusterConflicts {
    /** The transaction resource holding the verdicts of the transaction's single-use claims. */
    static final Object KEY = new Object() {
        @Override
        public String toString() {
            return "oidc-store single-use claims";
        }
    };

    private ClusterConflicts() {
    }

    /** Adds {@code verdict} to the claims of the calling thread's transaction (when there is one). */
    @SuppressWarnings("unchecked")
    static void claim(TxRunner jpa, Supplier<RuntimeException> verdict) {
        Object held = jpa.txResource(KEY);
        if (held instanceof List<?> list) {
            ((List<Supplier<RuntimeException>>) list).add(verdict);
            return;
        }
        List<Supplier<RuntimeException>> list = new CopyOnWriteArrayList<>();
        list.add(verdict);
        jpa.putTxResource(KEY, list);
    }

    /** The claims of the calling thread's transaction, to settle a failed commit; {@code null} when none. */
    static Object claims(TxRunner jpa) {
        return jpa.txResource(KEY);
    }

    /**
     * {@code failure} settled by {@code claims}: the first verdict that names a winner replaces a
     * retryable conflict (which is kept as suppressed); anything else is returned unchanged.
     */
    static RuntimeException settle(TxRunner jpa, RuntimeException failure, Object claims) {
        if (!(failure instanceof JpaExceptions.RetryableConflictException) || !(claims instanceof List<?> list)) {
            return failure;
        }
        for (Object o : list) {
            @SuppressWarnings("unchecked")
            Supplier<RuntimeException> verdict = (Supplier<RuntimeException>) o;
            RuntimeException answer;
            try {
                answer = jpa.suspended(verdict);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
                continue;
            }
            if (answer != null) {
                answer.addSuppressed(failure);
                return answer;
            }
        }
        return failure;
    }
}
