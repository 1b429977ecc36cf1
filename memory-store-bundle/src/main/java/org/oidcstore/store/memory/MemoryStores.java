package org.oidcstore.store.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.memory.internal.MemoryAggregate;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;

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
     * Default settings, the system UTC clock, the default JWT-ID clock-skew allowance, and digests
     * keyed with a fresh random pepper (the records never outlive the process, so no pepper needs
     * configuring or sharing).
     */
    public static MemoryStore open() {
        return open(MemorySettings.defaults(), Clock.systemUTC(), SecretDigest.randomPepper());
    }

    /**
     * A store with the given settings (validated) and clock, the default JWT-ID clock-skew
     * allowance, and digests keyed with a fresh random pepper, as {@link #open()}.
     */
    public static MemoryStore open(MemorySettings settings, Clock clock) {
        return open(settings, clock, SecretDigest.randomPepper());
    }

    /** A store with the given settings (validated), clock and digest, and the default JWT-ID clock-skew allowance. */
    public static MemoryStore open(MemorySettings settings, Clock clock, SecretDigest digest) {
        return open(settings, clock, StoreSettings.defaults().withDigest(digest));
    }

    /** A store with the given settings (validated), clock, digest and JWT-ID clock-skew allowance. */
    public static MemoryStore open(MemorySettings settings, Clock clock, StoreSettings shared) {
        return new MemoryAggregate(settings, clock, shared);
    }

    /**
     * A store configured as a deployment configures it: {@code oidc.store.memory.*} through
     * {@link MemorySettings#read}, the shared keys ({@code oidc.store.secret-pepper},
     * {@code oidc.store.jwt-id-clock-skew}) through {@link StoreSettings#read}. Without a configured
     * pepper the digests are keyed with a random one: the records never outlive the process.
     *
     * @param config looks a key up (MicroProfile Config semantics: empty when unset)
     * @throws StoreConfigurationException naming every problem of either reader
     */
    public static MemoryStore fromConfig(Function<String, Optional<String>> config, Clock clock) {
        List<String> problems = new ArrayList<>(MemorySettings.problems(config));
        problems.addAll(StoreSettings.problems(config));
        if (!problems.isEmpty()) { // both readers' problems at once: one start names everything to fix
            throw new StoreConfigurationException("invalid memory-tier settings:\n" + String.join("\n", problems));
        }
        StoreSettings shared = StoreSettings.read(config);
        if (!shared.digest().isPeppered()) {
            shared = shared.withDigest(SecretDigest.randomPepper());
        }
        return open(MemorySettings.read(config), clock, shared);
    }
}
