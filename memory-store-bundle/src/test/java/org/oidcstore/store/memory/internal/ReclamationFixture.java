package org.oidcstore.store.memory.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/** What {@link BoundedReclamationTest} and {@link ConcurrentReclamationTest} share: a store on a test clock. */
abstract class ReclamationFixture {
    static final Duration EIGHT_HOURS = Duration.ofHours(8);

    final MutableClock clock = MutableClock.startingNow();
    final Samples samples = new Samples(clock);

    MemoryAggregate store(int capacity) {
        return new MemoryAggregate(new MemorySettings(capacity, MemorySettings.DEFAULT_MAX_VALUE_BYTES, 64), clock,
                new StoreSettings(SecretDigest.peppered("test-pepper-0123456789abcdef-0123456789".getBytes(
                        StandardCharsets.UTF_8)), StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW));
    }

    Session session(String group, Duration life) {
        return samples.session(group).toBuilder().expiresAt(clock.now().plus(life)).build();
    }

    static int sessionsHeld(MemoryAggregate store) {
        return store.sizes().get(StoreKind.SESSIONS);
    }
}
