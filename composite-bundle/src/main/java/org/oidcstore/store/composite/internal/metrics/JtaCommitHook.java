package org.oidcstore.store.composite.internal.metrics;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs an action after the caller's JTA transaction commits (and never when it rolls back), or at
 * once outside a transaction. The only class of the composite that references JTA; created
 * reflectively by {@link MetricsSupport} when the API is present.
 */
public final class JtaCommitHook implements CommitHook {
    private final TransactionSynchronizationRegistry tsr;

    /** Reflective entry point (see {@link MetricsSupport#forSynchronizationRegistry}). */
    public JtaCommitHook(Object tsr) {
        this.tsr = (TransactionSynchronizationRegistry) tsr;
    }

    @Override
    public void afterCommit(Runnable action) {
        int status = tsr.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            action.run();
        } else if (status == Status.STATUS_ACTIVE) {
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int outcome) {
                    if (outcome == Status.STATUS_COMMITTED) {
                        action.run();
                    }
                }
            });
        }
        // marked for rollback, rolling back, ...: the write will not commit, nothing to count
    }
}
