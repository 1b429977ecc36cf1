package org.oidcstore.store.jpa.internal.runtime;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.oidcstore.store.StoreUnavailableException;

/**
 * The one way to run store work, {@link #run}: join the caller's JTA transaction when one is
 * active ({@code REQUIRED}), else begin, commit (or roll back) one of its own. What the work needs
 * besides the transaction (clock, digests, dialect) is the store's {@link StoreContext}.
 *
 * <p>A transaction of its own that loses a deadlock or serialization failure is retried whole a
 * few times: the engine rolled it back entirely, and every store operation decides its outcome
 * inside the engine, so the retry cannot double-apply anything. A joined transaction is never
 * retried here: its earlier work is gone too, which only the caller can redo.
 *
 * <p>{@link #sql} is the same for store work that is plain JDBC on the transaction's connection
 * (the hot single-use and insert statements of the transactional cluster): it creates no entity
 * manager, so it costs neither EclipseLink's unit of work (clones, change sets, the
 * synchronization every joined entity manager registers with the transaction) nor its query
 * machinery. The outcome is decided by the same statements, so nothing about the guarantees
 * changes; a failed statement marks the caller's transaction rollback-only exactly as
 * EclipseLink does for a failed flush.
 */
public final class TxRunner {
    private static final int OWN_TRANSACTION_ATTEMPTS = 5;

    private final EntityManagerFactory emf;
    private final TransactionManager tm;
    private final DataSource dataSource;
    /** The transaction-scoped resources of {@link #txResource}; {@code null} when none was found. */
    private final TransactionSynchronizationRegistry tsr;

    public TxRunner(EntityManagerFactory emf, TransactionManager tm, TransactionSynchronizationRegistry tsr,
            DataSource dataSource) {
        this.emf = emf;
        this.tm = tm;
        this.tsr = tsr;
        this.dataSource = dataSource;
    }

    public TransactionManager transactionManager() {
        return tm;
    }

    /** Whether the calling thread has a JTA transaction that store work would join. */
    public boolean inCallerTransaction() {
        return status() != Status.STATUS_NO_TRANSACTION;
    }

    /**
     * Runs {@code work} in the caller's JTA transaction, or in one of its own. Persistence failures
     * are translated by {@link JpaExceptions}; anything else thrown by {@code work} propagates
     * unchanged (after the rollback of an own transaction).
     */
    public <T> T run(String substore, String operation, Function<EntityManager, T> work) {
        return retried(substore, operation, () -> joined(substore, operation, work));
    }

    /**
     * {@link #run} for store work that is plain JDBC: {@code work} runs on the transaction's own
     * connection (see {@link #jdbc}) in the caller's JTA transaction, or in one of its own, retried
     * as {@link #run} retries. An {@link SQLException} escaping {@code work} marks the transaction
     * rollback-only (as a failed statement under EclipseLink does) and is translated by
     * {@link JpaExceptions}; exceptions {@code work} throws itself (business outcomes such as a
     * replay) leave the transaction alone.
     */
    public <T> T sql(String substore, String operation, SqlWork<T> work) {
        return retried(substore, operation, () -> joinedSql(substore, operation, work));
    }

    /**
     * {@link #run} for caller work that needs no entity manager ({@code OidcStore.inTransaction}):
     * only the transaction, no entity manager of its own (the store calls inside open what they
     * need).
     */
    public <T> T inTransaction(String substore, String operation, Supplier<T> work) {
        if (inCallerTransaction()) {
            return work.get();
        }
        return own(substore, operation, () -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                throw JpaExceptions.translate(substore, operation, e);
            }
        });
    }

    /**
     * {@link #inTransaction} for idempotent work: when the transaction is this runner's own and it
     * lost a serialization conflict ({@link JpaExceptions.RetryableConflictException}: a deadlock,
     * a Galera certification failure), the work runs again in a new transaction, up to
     * {@value #OWN_TRANSACTION_ATTEMPTS} attempts. In the caller's transaction it runs once.
     */
    public <T> T inIdempotentTransaction(String substore, String operation, Supplier<T> work) {
        if (inCallerTransaction()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(substore, operation, work);
            } catch (JpaExceptions.RetryableConflictException e) {
                if (attempt >= OWN_TRANSACTION_ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * The calling thread's JTA transaction's resource {@code key} ({@code null} when absent), or
     * {@code null} without a transaction or a synchronization registry. Transaction-scoped: it
     * vanishes when the transaction completes (commit or rollback), so it can carry what is true
     * only while the transaction runs, such as a row lock the transaction holds.
     */
    public Object txResource(Object key) {
        if (tsr == null || !inCallerTransaction()) {
            return null;
        }
        try {
            return tsr.getResource(key);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /**
     * The calling thread's JTA transaction's map resource {@code key}, created empty on first use;
     * {@code null} without a transaction or a synchronization registry (nothing can be kept then).
     */
    @SuppressWarnings("unchecked")
    public <K, V> java.util.Map<K, V> txMap(Object key) {
        if (txResource(key) instanceof java.util.Map<?, ?> held) {
            return (java.util.Map<K, V>) held;
        }
        java.util.Map<K, V> map = new java.util.concurrent.ConcurrentHashMap<>(4);
        return putTxResource(key, map) ? map : null;
    }

    /** Sets the transaction's resource {@code key}; returns whether there was a transaction to hold it. */
    public boolean putTxResource(Object key, Object value) {
        if (tsr == null || !inCallerTransaction()) {
            return false;
        }
        try {
            tsr.putResource(key, value);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Runs plain JDBC on the transaction's connection; only inside {@link #run}. Within a JTA
     * transaction the pool (or the container) hands out the transaction's own connection, the one
     * EclipseLink uses, so these statements see the work flushed before them and vice versa. Used
     * where an expected SQL error (a duplicate key in an "insert, else update" sequence) must not
     * doom the transaction: EclipseLink marks the transaction rollback-only on any failed statement.
     */
    public <T> T jdbc(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        }
    }

    /** The data source of the store's connections (the readiness probe asks one to answer). */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Registers what a single-use claim of the calling thread's transaction means if a concurrent
     * transaction on another database node wins it (see {@link ClusterConflicts}): {@code verdict}
     * re-reads the record after the rollback and returns the exception for the loser, or
     * {@code null}.
     */
    public void claim(Supplier<RuntimeException> verdict) {
        ClusterConflicts.claim(this, verdict);
    }

    /** Plain JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} with the caller's transaction (if any) suspended, e.g. GC batches. */
    public <T> T suspended(Supplier<T> work) {
        return Jta.suspended(tm, work);
    }

    private <T> T retried(String substore, String operation, Supplier<T> joinedWork) {
        if (inCallerTransaction()) {
            return joinedWork.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return own(substore, operation, joinedWork);
            } catch (JpaExceptions.RetryableConflictException e) {
                if (attempt >= OWN_TRANSACTION_ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private <T> T joinedSql(String substore, String operation, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            RuntimeException translated = JpaExceptions.translate(substore, operation, e);
            Jta.markRollbackOnly(tm, translated);
            throw ClusterConflicts.settle(this, translated, ClusterConflicts.claims(this));
        } catch (CorruptRowException e) {
            // a damaged row read: no statement failed, so the caller's transaction is left alone
            throw JpaExceptions.translate(substore, operation, e);
        }
    }

    private <T> T joined(String substore, String operation, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.joinTransaction();
            return work.apply(em);
        } catch (RuntimeException e) {
            throw ClusterConflicts.settle(this, JpaExceptions.translate(substore, operation, e),
                    ClusterConflicts.claims(this));
        } finally {
            em.close();
        }
    }

    /** Begins a transaction, runs {@code work} (which translates its own failures), commits. */
    private <T> T own(String substore, String operation, Supplier<T> work) {
        try {
            tm.begin();
        } catch (Exception e) {
            throw new StoreUnavailableException("jpa " + substore + "." + operation
                    + ": could not begin a transaction", e);
        }
        T result;
        Object claims;
        try {
            result = work.get();
            claims = ClusterConflicts.claims(this);
        } catch (RuntimeException | Error e) {
            Jta.rollbackQuietly(tm, e);
            throw e;
        }
        try {
            tm.commit();
        } catch (Exception e) {
            throw ClusterConflicts.settle(this, JpaExceptions.translate(substore, operation, e), claims);
        }
        return result;
    }

    private int status() {
        return Jta.status(tm);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("jpa: interrupted while retrying a transaction", e);
        }
    }
}
