package org.oidcstore.store.memory;

import java.time.Duration;
import java.util.OptionalInt;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.internal.MemoryOidcStore;
import org.oidcstore.store.memory.internal.MemoryTierAccess;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.spi.ValueSize;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;

/** A fresh memory tier per test, peppered like production, on a clock the test moves. */
final class MemoryFixture implements StoreFixture {
    private final MutableClock clock = MutableClock.startingNow();
    private final SecretDigest digest = SecretDigest.peppered("test-pepper-0123456789abcdef-0123456789".getBytes());
    private final MemoryOidcStore store;

    MemoryFixture(MemorySettings settings) {
        this.store = new MemoryOidcStore(settings, clock, digest);
    }

    MemoryFixture() {
        this(MemorySettings.defaults());
    }

    @Override
    public OidcStore store() {
        return store;
    }

    MemoryOidcStore memoryStore() {
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

    /**
     * The tier runs with the default of every volatile tier's {@code max-value-bytes}
     * ({@link ValueSize#DEFAULT_MAX_VALUE_BYTES}); {@link MemorySettings} offers no other value yet.
     */
    @Override
    public OptionalInt maxValueBytes() {
        return OptionalInt.of(ValueSize.DEFAULT_MAX_VALUE_BYTES);
    }

    /** The default allowance: the tier reads no {@code oidc.store.jwt-id-clock-skew} yet. */
    @Override
    public Duration jwtIdClockSkew() {
        return StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW;
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
