package org.oidcstore.store.tck.reference;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.Transactions;

/**
 * A fresh reference backend per test, on a clock the test moves: what a backend hands the TCK.
 * Its engine is a few maps in this JVM, so it needs nothing started and never fails to connect.
 */
public final class ReferenceFixture implements StoreFixture {
    private final MutableClock clock = MutableClock.startingNow();
    private final SecretDigest digest = SecretDigest.randomPepper();
    private final ReferenceData data = new ReferenceData();
    private final ReferenceParts parts;
    private final ReferenceStore store;

    private ReferenceFixture(boolean allKinds, OptionalInt maxValueBytes, Duration jwtIdClockSkew) {
        this.parts = new ReferenceParts(data, clock, digest, jwtIdClockSkew, maxValueBytes);
        this.store = allKinds ? new ReferenceStore(parts, ReferenceKinds.ALL, true)
                : new ReferenceStore(parts, ReferenceKinds.VOLATILE, false);
    }

    /** Every kind, transactional, without a value-size limit (as the durable tier): for {@code AllKindsSuite}. */
    public static ReferenceFixture allKinds() {
        return new ReferenceFixture(true, OptionalInt.empty(), StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW);
    }

    /** The volatile kinds only, not transactional, with the given settings: for {@code VolatileTierSuite}. */
    public static ReferenceFixture volatileKinds(int maxValueBytes, Duration jwtIdClockSkew) {
        return new ReferenceFixture(false, OptionalInt.of(maxValueBytes), jwtIdClockSkew);
    }

    @Override
    public OidcStore store() {
        return store;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public SecretDigest digest() {
        return digest;
    }

    @Override
    public PersistedState persisted() {
        return data::dump;
    }

    @Override
    public Optional<Transactions> transactions() {
        if (!store.transactional()) {
            return Optional.empty();
        }
        return Optional.of(new Transactions() {
            @Override
            public <T> T commit(Supplier<T> work) {
                return data.inTransaction(work);
            }

            @Override
            public void rollback(Runnable work) {
                data.rollback(work);
            }
        });
    }

    @Override
    public OptionalInt maxValueBytes() {
        return parts.maxValueBytes();
    }

    @Override
    public Duration jwtIdClockSkew() {
        return parts.jwtIdClockSkew();
    }

    @Override
    public void sweepExpired() {
        store.sweep();
    }

    @Override
    public OidcStore reopen(SecretDigest other) {
        return store.reopen(other);
    }

    @Override
    public void close() {
        // nothing to release: the data is garbage once the test drops the fixture
    }
}
