package org.oidcstore.store.tck;

import java.util.Optional;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.User;
import org.oidcstore.store.spi.SecretDigest;

/**
 * What a backend hands the TCK for one test: a store isolated from every other test (empty, or
 * under a fresh key prefix / schema), the clock that store reads, a view of what it persisted and,
 * for transactional backends, transactions.
 *
 * <p>A contract opens one fixture before each test and closes it after. A fixture whose engine
 * cannot be reached MUST fail (throw) with a message saying how to start the engine, never skip.
 */
public interface StoreFixture extends AutoCloseable {

    /** The store under test. Every record it holds was written by the current test. */
    OidcStore store();

    /** The clock the store reads; tests advance it. */
    MutableClock clock();

    /** The digest the store uses (same pepper), so tests can present a digest as a token. */
    SecretDigest digest();

    /** What the store persisted, for the hash-on-store cases. */
    PersistedState persisted();

    /** Transactions, when the store is transactional. */
    default Optional<Transactions> transactions() {
        return Optional.empty();
    }

    /**
     * Plants a user for the read-only {@code UserStore} contract. The default uses the store's
     * {@code UserRegistry}; a backend whose users are provisioned otherwise overrides it.
     */
    default void seedUser(User user) {
        store().userRegistry().orElseThrow(() -> new IllegalStateException(
                "the fixture must override seedUser: the store offers no UserRegistry")).save(user);
    }

    /** Releases the fixture's resources (drops test data, closes pools). */
    @Override
    void close();
}
