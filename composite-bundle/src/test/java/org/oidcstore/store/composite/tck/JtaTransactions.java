package org.oidcstore.store.composite.tck;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.util.function.Supplier;
import org.oidcstore.store.tck.Transactions;

/** TCK transactions on a JTA transaction manager (Narayana, the JPA tier's). */
public record JtaTransactions(TransactionManager tm) implements Transactions {

    @Override
    public <T> T commit(Supplier<T> work) {
        begin();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            rollbackIfActive();
            throw e;
        }
        try {
            tm.commit();
        } catch (Exception e) {
            throw new IllegalStateException("commit failed", e);
        }
        return result;
    }

    @Override
    public void rollback(Runnable work) {
        begin();
        try {
            work.run();
        } finally {
            rollbackIfActive();
        }
    }

    private void begin() {
        try {
            tm.begin();
        } catch (Exception e) {
            throw new IllegalStateException("begin failed", e);
        }
    }

    private void rollbackIfActive() {
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (Exception e) {
            throw new IllegalStateException("rollback failed", e);
        }
    }
}
