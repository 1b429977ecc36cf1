package org.oidcstore.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.tck.MutableClock;

class MemoryStoresTest {

    @Test
    void openWithSettingsAndClockAppliesBoth() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
        try (MemoryStore store = MemoryStores.open(MemorySettings.builder().capacity(1).build(), clock)) {
            store.consumedJwtIds().mark("a", clock.now().plusSeconds(30));
            assertThat(store.consumedJwtIds().isMarked("a")).isTrue();
            assertThatThrownBy(() -> store.consumedJwtIds().mark("b", clock.now().plusSeconds(30)))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("OIDCS-1110");
            clock.advance(java.time.Duration.ofMinutes(5)); // past expiry and the 60 s skew: room again
            assertThat(store.consumedJwtIds().isMarked("a")).isFalse();
            store.consumedJwtIds().mark("b", clock.now().plusSeconds(30));
            assertThat(store.sizes()).containsEntry(StoreKind.CONSUMED_JWT_IDS, 1);
        }
    }

    @Test
    void openRefusesInvalidSettingsNamingEveryProblem() {
        assertThatThrownBy(() -> MemoryStores.open(MemorySettings.builder().capacity(0).sweepBatch(0).build(),
                MutableClock.startingNow())).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1101").hasMessageContaining("OIDCS-1103");
    }
}
