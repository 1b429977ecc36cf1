package org.oidcstore.store.memory;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.oidcstore.store.tck.ConsumedJwtIdStoreContract;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.ValueSizeContract;

/**
 * The contracts that depend on the tier's settings, on a tier configured away from the defaults
 * ({@code max-value-bytes} 2048, a clock-skew allowance of 5 minutes): the tier applies what it was
 * given, not the defaults the main suite runs with.
 */
class MemoryConfiguredTckTest {
    private static final MemorySettings SMALL_VALUES = new MemorySettings(MemorySettings.DEFAULT_CAPACITY, 2048,
            MemorySettings.DEFAULT_SWEEP_BATCH);
    private static final Duration LONG_SKEW = Duration.ofMinutes(5);

    static StoreFixture fixture() {
        return new MemoryFixture(SMALL_VALUES, LONG_SKEW);
    }

    @Nested
    class ValueSizes extends ValueSizeContract {
        @Override
        protected StoreFixture newFixture() {
            return fixture();
        }
    }

    @Nested
    class ConsumedJwtIds extends ConsumedJwtIdStoreContract {
        @Override
        protected StoreFixture newFixture() {
            return fixture();
        }
    }
}
