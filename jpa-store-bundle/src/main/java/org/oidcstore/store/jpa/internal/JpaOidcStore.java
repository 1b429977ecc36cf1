package org.oidcstore.store.jpa.internal;

import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.oidcstore.store.Readiness;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.JpaGc;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.internal.gc.ExpiredRows;
import org.oidcstore.store.jpa.internal.gc.JpaGarbageCollector;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.jpa.internal.store.StoreParts;
import org.oidcstore.store.spi.HostedKinds;

/** The durable aggregate: the stores of {@link JpaKinds} over one persistence unit, transactional. */
public final class JpaOidcStore implements JpaStore {
    /** How long the readiness probe lets a connection take to answer. */
    static final int PROBE_SECONDS = 2;

    private final TxRunner tx;
    private final StoreContext ctx;
    private final JpaGarbageCollector gc;
    private final AutoCloseable resources;
    private final List<String> unsafeSettings;
    private final HostedKinds.Stores stores;
    private volatile boolean closed;

    public JpaOidcStore(TxRunner tx, StoreContext ctx, int gcBatchSize, List<String> unsafeSettings,
            AutoCloseable resources) {
        this.tx = tx;
        this.ctx = ctx;
        this.resources = resources;
        this.unsafeSettings = List.copyOf(unsafeSettings);
        ExpiredRows expired = new ExpiredRows(tx, gcBatchSize);
        this.gc = new JpaGarbageCollector(tx, ctx, expired, JpaKinds.SWEEPS);
        this.stores = JpaKinds.TABLE.create(backend(), new StoreParts(tx, ctx, expired));
    }

    @Override
    public String backend() {
        return "jpa";
    }

    @Override
    public Set<StoreKind> kinds() {
        return stores.kinds();
    }

    @Override
    public Object store(StoreKind kind) {
        return stores.store(kind);
    }

    @Override
    public boolean transactional() {
        return true;
    }

    /** An unpeppered, unacknowledged digest, in the words of {@code StoreSettings.unsafeSettings}; else none. */
    @Override
    public List<String> unsafeSettings() {
        return unsafeSettings;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return tx.inTransaction("store", "inTransaction", work);
    }

    @Override
    public <T> T inIdempotentTransaction(Supplier<T> work) {
        return tx.inIdempotentTransaction("store", "inIdempotentTransaction", work);
    }

    /** One {@code COUNT(*)} per table, in one transaction; live and expired-but-not-yet-collected rows. */
    @Override
    public Map<StoreKind, Long> recordCounts() {
        return tx.run("store", "recordCounts", em -> {
            Map<StoreKind, Long> counts = new EnumMap<>(StoreKind.class);
            JpaKinds.TABLES.forEach((table, kind) -> counts.merge(kind, ((Number) em.createNativeQuery(
                    "SELECT COUNT(*) FROM " + table).getSingleResult()).longValue(), Long::sum));
            return counts;
        });
    }

    /**
     * A connection of the pool answers {@code isValid} within {@value #PROBE_SECONDS} s, outside any
     * transaction. Taking the connection is bounded by the pool's own wait (Java SE:
     * {@code oidc.store.jpa.acquisition-timeout}; a container: its data source's blocking timeout).
     */
    @Override
    public Readiness readiness() {
        long started = System.nanoTime();
        try (Connection c = tx.dataSource().getConnection()) {
            boolean valid = c.isValid(PROBE_SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return valid ? Readiness.ready(backend() + ": a pooled connection answered in " + ms + " ms")
                    : Readiness.notReady(backend() + ": a pooled connection did not answer within " + PROBE_SECONDS + " s");
        } catch (SQLException e) {
            return Readiness.notReady(backend() + ": no connection (" + e.getClass().getSimpleName() + ", SQLState "
                    + e.getSQLState() + ")");
        } catch (RuntimeException e) {
            return Readiness.notReady(backend() + ": no connection (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public JpaGc gc() {
        return gc;
    }

    @Override
    public TransactionManager transactionManager() {
        return tx.transactionManager();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            resources.close();
        } catch (Exception e) {
            System.getLogger(JpaOidcStore.class.getName()).log(System.Logger.Level.WARNING,
                    "closing the JPA store failed", e);
        }
    }

    @Override
    public String toString() {
        return "JpaOidcStore[" + ctx.dialect() + "]";
    }
}
