package org.oidcstore.store.tck;

import java.util.function.Supplier;

/**
 * The transactional capability of a fixture (JTA on the durable backend). Non-transactional tiers
 * do not offer it, and their suites do not include {@link TransactionalClusterContract}.
 */
public interface Transactions {

    /** Runs {@code work} in a new transaction and commits it; an exception rolls back and propagates. */
    <T> T commit(Supplier<T> work);

    /** Runs {@code work} in a new transaction and then rolls it back. */
    void rollback(Runnable work);
}
