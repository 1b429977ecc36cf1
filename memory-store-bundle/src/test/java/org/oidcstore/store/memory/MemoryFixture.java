package org.oidcstore.store.memory;

import java.time.Duration;
import java.util.OptionalInt;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.internal.MemoryAggregate;
import org.oidcstore.store.memory.internal.MemoryTierAccess;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;

/** A fresh memory tier per test, peppered like production, on a clock the test moves. */
final class MemoryFixture implements StoreFixture {
    private final MutableClock clock = MutableClock.startingNow();
    private final SecretDigest digest = SecretDigest.peppered("test-pepper-0123456789abcdef-0123456789".getBytes());
    private final MemorySettings settings;
    private final StoreSettings shared;
    private final MemoryAggregate store;

    MemoryFixture(MemorySettings settings, Duration jwtIdClockSkew) {
        this.settings = settings;
        this.shared = new StoreSettings(digest, jwtIdClockSkew);
        this.store = (MemoryAggregate) MemoryStores.open(settings, clock, shared);
    }

    /** The default JWT-ID clock-skew allowance (60 s), as a deployment that does not set it. */
    MemoryFixture(MemorySettings settings) {
        this(settings, StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW);
    }

    MemoryFixture() {
        this(MemorySettings.defaults());
    }

    @Override
    public OidcStore store() {
        return store;
    }

    MemoryAggregate memoryStore() {
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
        return store::dump;
    }

    /** The {@code oidc.store.memory.max-value-bytes} the tier was built with. */
    @Override
    public OptionalInt maxValueBytes() {
        return OptionalInt.of(settings.maxValueBytes());
    }

    /** The {@code oidc.store.jwt-id-clock-skew} the tier was built with. */
    @Override
    public Duration jwtIdClockSkew() {
        return shared.jwtIdClockSkew();
    }

    @Override
    public void sweepExpired() {
        MemoryTierAccess.sweep(store);
    }

    @Override
    public OidcStore reopen(SecretDigest other) {
        return MemoryTierAccess.reopen(store, other);
    }

    @Override
    public void close() {
        // nothing to release: the store is garbage once the test drops it
    }
}
