package org.oidcstore.store.memory;

import java.time.Clock;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.internal.MemoryOidcStore;
import org.oidcstore.store.spi.SecretDigest;

/**
 * Creates the in-process volatile tier for Java SE and OSGi users (CDI users get it as
 * {@code @Volatile} beans). It hosts SESSIONS, INTERACTIONS (with compare-and-swap),
 * CONSUMED_JWT_IDS and PUSHED_AUTHORIZATION_REQUESTS; it is not transactional and keeps nothing
 * across restarts.
 */
public final class MemoryStores {
    private MemoryStores() {
    }

    /**
     * Default settings, the system UTC clock, and digests keyed with a fresh random pepper (the
     * records never outlive the process, so no pepper needs configuring or sharing).
     */
    public static OidcStore create() {
        return create(MemorySettings.defaults(), Clock.systemUTC(), SecretDigest.randomPepper());
    }

    /** A store with the given settings (validated), clock and digest. */
    public static OidcStore create(MemorySettings settings, Clock clock, SecretDigest digest) {
        return new MemoryOidcStore(settings, clock, digest);
    }
}
