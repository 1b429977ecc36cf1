package org.oidcstore.store.jpa.internal.runtime;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.function.Supplier;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.StoreUnavailableException;

/**
 * The plain JTA calls of {@link TxRunner}: the status of the calling thread's transaction, marking
 * it rollback-only, rolling it back, suspending it around other work. Each turns the checked
 * {@link SystemException} into the store's exceptions (or, where a failure is already being
 * reported, into a suppressed exception of that failure). When to call them, and what that means
 * for the guarantees, is {@link TxRunner}'s business.
 */
final class Jta {
    private Jta() {
    }

    /** The status of the calling thread's transaction ({@link Status}). */
    static int status(TransactionManager tm) {
        try {
            return tm.getStatus();
        } catch (SystemException e) {
            throw new StoreUnavailableException("jpa: the transaction manager is unavailable", e);
        }
    }

    /** Marks the active transaction rollback-only; a failure to do so is added to {@code cause}. */
    static void markRollbackOnly(TransactionManager tm, Throwable cause) {
        try {
            if (status(tm) == Status.STATUS_ACTIVE) {
                tm.setRollbackOnly();
            }
        } catch (RuntimeException | SystemException e) {
            cause.addSuppressed(e);
        }
    }

    /** Rolls the transaction back, if there is one; a failure to do so is added to {@code cause}. */
    static void rollbackQuietly(TransactionManager tm, Throwable cause) {
        try {
            if (status(tm) != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs {@code work} with the calling thread's transaction (if any) suspended, then resumes it. */
    static <T> T suspended(TransactionManager tm, Supplier<T> work) {
        Transaction suspended = null;
        try {
            if (status(tm) != Status.STATUS_NO_TRANSACTION) {
                suspended = tm.suspend();
            }
        } catch (SystemException e) {
            throw new StoreUnavailableException("jpa: could not suspend the caller's transaction", e);
        }
        try {
            return work.get();
        } finally {
            if (suspended != null) {
                try {
                    tm.resume(suspended);
                } catch (Exception e) {
                    throw new StoreException("jpa: could not resume the caller's transaction", e);
                }
            }
        }
    }
}
