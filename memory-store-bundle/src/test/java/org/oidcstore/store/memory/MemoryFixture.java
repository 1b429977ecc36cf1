package org.oidcstore.store.memory;

import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.internal.MemoryOidcStore;
import org.oidcstore.store.spi.SecretDigest;
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

    @Override
    public void close() {
        // nothing to release: the store is garbage once the test drops it
    }
}
