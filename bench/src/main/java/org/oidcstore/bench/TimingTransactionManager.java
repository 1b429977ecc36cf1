package org.oidcstore.bench;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Narayana's transaction manager, timing begin → commit/rollback of the transactions begun by one
 * watched thread (the GC sweep): how long each sweep batch held its row locks.
 */
final class TimingTransactionManager implements TransactionManager {
    private final TransactionManager tm;
    private volatile Thread watched;
    private final ThreadLocal<Long> started = new ThreadLocal<>();
    private final List<Long> durations = new ArrayList<>();

    TimingTransactionManager(TransactionManager tm) {
        this.tm = tm;
    }

    void watch(Thread t) {
        watched = t;
    }

    synchronized List<Long> durationsNanos() {
        return new ArrayList<>(durations);
    }

    @Override
    public void begin() throws NotSupportedException, SystemException {
        tm.begin();
        if (Thread.currentThread() == watched) {
            started.set(System.nanoTime());
        }
    }

    private void end() {
        Long t = started.get();
        if (t != null) {
            long d = System.nanoTime() - t;
            started.remove();
            synchronized (this) {
                durations.add(d);
            }
        }
    }

    @Override
    public void commit() throws RollbackException, HeuristicMixedException, HeuristicRollbackException,
            SecurityException, IllegalStateException, SystemException {
        try {
            tm.commit();
        } finally {
            end();
        }
    }

    @Override
    public void rollback() throws IllegalStateException, SecurityException, SystemException {
        try {
            tm.rollback();
        } finally {
            end();
        }
    }

    @Override
    public int getStatus() throws SystemException {
        return tm.getStatus();
    }

    @Override
    public Transaction getTransaction() throws SystemException {
        return tm.getTransaction();
    }

    @Override
    public void resume(Transaction tobj) throws InvalidTransactionException, IllegalStateException, SystemException {
        tm.resume(tobj);
    }

    @Override
    public void setRollbackOnly() throws IllegalStateException, SystemException {
        tm.setRollbackOnly();
    }

    @Override
    public void setTransactionTimeout(int seconds) throws SystemException {
        tm.setTransactionTimeout(seconds);
    }

    @Override
    public Transaction suspend() throws SystemException {
        return tm.suspend();
    }
}
