package org.oidcstore.store.jpa;

import jakarta.transaction.TransactionManager;
import org.oidcstore.store.OidcStore;

/**
 * The durable backend: hosts every kind, {@link #transactional()} is {@code true}, and
 * {@link #inTransaction} runs work in one JTA transaction (joining the caller's when active).
 * Closing it releases what {@link JpaStores} opened (the entity manager factory, the connection
 * pool it created, the GC schedule); a data source or transaction manager supplied by the caller
 * or the container is left alone.
 */
public interface JpaStore extends OidcStore, AutoCloseable {

    /** The expired-record collector of this store, for on-demand sweeps. */
    JpaGc gc();

    /**
     * The JTA transaction manager the store joins and begins transactions on (Narayana in Java
     * SE, the server's in a container).
     */
    TransactionManager transactionManager();

    /** Releases the resources this store opened; idempotent. */
    @Override
    void close();
}
