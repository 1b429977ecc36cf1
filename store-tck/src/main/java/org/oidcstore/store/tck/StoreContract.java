package org.oidcstore.store.tck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.oidcstore.store.OidcStore;

/**
 * Base of every contract class: opens a fresh {@link StoreFixture} before each test and closes it
 * after. A backend runs a contract by extending it (usually as a {@code @Nested} class of one of
 * the suites) and implementing {@link #newFixture()}. Every case is held to what its
 * {@link Covers} says about races ({@link RaceCaseCheck}).
 */
@ExtendWith(RaceCaseCheck.class)
public abstract class StoreContract {

    protected StoreFixture fixture;
    protected OidcStore store;
    protected MutableClock clock;
    protected Samples samples;

    /** A fresh, isolated fixture for one test. */
    protected abstract StoreFixture newFixture();

    @BeforeEach
    final void openFixture() {
        fixture = newFixture();
        store = fixture.store();
        clock = fixture.clock();
        samples = new Samples(clock);
    }

    /**
     * Runs {@code work} in one transaction when the fixture is transactional, else directly: a
     * provider rotates a refresh token (consume + save) in one transaction when it can.
     */
    protected <T> T inTransactionIfAny(java.util.function.Supplier<T> work) {
        // not Optional.map(..).orElseGet(work): that would run a work returning null a second time
        java.util.Optional<Transactions> tx = fixture.transactions();
        return tx.isPresent() ? tx.get().commit(work) : work.get();
    }

    @AfterEach
    final void closeFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }
}
