package org.oidcstore.store.tck;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
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

    /**
     * The {@code max-value-bytes} the tier was configured with (measured by
     * {@link org.oidcstore.store.spi.ValueSize}), or empty for a tier without such a limit (JPA).
     */
    OptionalInt maxValueBytes();

    /**
     * The {@code max-value-bytes} that applies to records of {@code kind}. The default is
     * {@link #maxValueBytes()}; a store that routes kinds to several tiers (the composite)
     * answers per kind.
     */
    default OptionalInt maxValueBytes(StoreKind kind) {
        return maxValueBytes();
    }

    /**
     * The JWT-ID clock-skew allowance the store was configured with
     * ({@code oidc.store.jwt-id-clock-skew}); fixtures configure the default, 60 s.
     */
    Duration jwtIdClockSkew();

    /**
     * Runs the backend's reclamation of expired records now, judged by {@link #clock()}: the JPA
     * GC, the memory tier's reclamation. A no-op where the engine expires records by itself (TTL).
     */
    void sweepExpired();

    /**
     * A second store over the same persisted data as {@link #store()}, with the same clock but
     * another digest: what another node of the deployment configured with another
     * {@code oidc.store.secret-pepper} list sees (JPA: a store on the same database; Redis: a store
     * on the same key prefix; memory: a store sharing the same maps). The fixture closes it in
     * {@link #close()}. The TCK passes only digests built by {@link TestPeppers#digest};
     * {@link TestPeppers#configValue} gives the configuration value of such a digest for backends
     * configured by text.
     */
    OidcStore reopen(SecretDigest digest);

    /** Releases the fixture's resources (drops test data, closes pools). */
    @Override
    void close();
}
