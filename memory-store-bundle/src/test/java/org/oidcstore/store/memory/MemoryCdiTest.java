package org.oidcstore.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.spi.ValueSize;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tier.Volatile;

/** The memory bundle's producers in Weld SE, configured through MicroProfile Config. */
class MemoryCdiTest {

    private static final List<String> KEYS = List.of(MemorySettings.CAPACITY_KEY, MemorySettings.MAX_VALUE_BYTES_KEY,
            "oidc.store.memory.max-state-bytes", StoreSettings.JWT_ID_CLOCK_SKEW_KEY);

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
        releaseConfig();
    }

    /** Each container reads the system properties as they are now, not a configuration cached earlier. */
    private static void releaseConfig() {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
    }

    private static SeContainer boot() {
        releaseConfig();
        return SeContainerInitializer.newInstance().disableDiscovery()
                .addBeanClasses(MemoryStoreProducer.class, TestClock.class)
                .addExtensions(new io.smallrye.config.inject.ConfigExtension())
                .addExtensions(org.oidcstore.store.tck.CdiExtensions.ofTheStoreApi()).initialize();
    }

    /** The application's clock, which the producer prefers to the system clock. */
    static class TestClock {
        static final MutableClock CLOCK = MutableClock.startingNow();

        @Produces
        Clock clock() {
            return CLOCK;
        }
    }

    @Test
    void everyHostedSubstoreIsInjectableAsVolatile() {
        try (SeContainer c = boot()) {
            OidcStore store = c.select(OidcStore.class, Volatile.Literal.INSTANCE).get();
            assertThat(store.backend()).isEqualTo("memory");
            ConsumedJwtIdStore jtis = c.select(ConsumedJwtIdStore.class, Volatile.Literal.INSTANCE).get();
            jtis.mark("dpop:k:1", TestClock.CLOCK.now().plusSeconds(60));
            assertThat(store.consumedJwtIds().isMarked("dpop:k:1")).as("one store behind every bean").isTrue();
            assertThatThrownBy(() -> jtis.mark("dpop:k:1", TestClock.CLOCK.now().plusSeconds(60)))
                    .isInstanceOf(AlreadyConsumedException.class);
            assertThat(c.select(InteractionStore.class, Volatile.Literal.INSTANCE).isResolvable()).isTrue();
            assertThat(c.select(InteractionCompareAndSwap.class, Volatile.Literal.INSTANCE).isResolvable()).isTrue();
        }
    }

    @Test
    void capacityComesFromMicroProfileConfig() {
        System.setProperty(MemorySettings.CAPACITY_KEY, "2");
        try (SeContainer c = boot()) {
            ConsumedJwtIdStore jtis = c.select(ConsumedJwtIdStore.class, Volatile.Literal.INSTANCE).get();
            jtis.mark("a", TestClock.CLOCK.now().plusSeconds(60));
            jtis.mark("b", TestClock.CLOCK.now().plusSeconds(60));
            assertThatThrownBy(() -> jtis.mark("c", TestClock.CLOCK.now().plusSeconds(60)))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void maxValueBytesComesFromMicroProfileConfig() {
        System.setProperty(MemorySettings.MAX_VALUE_BYTES_KEY, "1024");
        try (SeContainer c = boot()) {
            InteractionStore interactions = c.select(InteractionStore.class, Volatile.Literal.INSTANCE).get();
            Instant now = TestClock.CLOCK.now();
            Interaction probe = new Interaction("ia-1", new byte[0], now, now.plusSeconds(600));
            Interaction fits = new Interaction("ia-1", new byte[(int) (1024 - ValueSize.of(probe))], now,
                    now.plusSeconds(600));
            interactions.save(fits);
            Interaction over = new Interaction("ia-2", new byte[fits.stateLength() + 1], now, now.plusSeconds(600));
            assertThatThrownBy(() -> interactions.save(over)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(MemorySettings.MAX_VALUE_BYTES_KEY).hasMessageNotContaining("ia-2");
            assertThat(interactions.find("ia-2")).isEmpty();
        }
    }

    /**
     * With an allowance of 5 minutes a marker that expired 4 minutes ago by this node's clock
     * survives the sweeps of later writes, so a node whose clock lags still sees it; with the
     * default (60 s) it would have been reclaimed.
     */
    @Test
    void theJwtIdClockSkewAllowanceComesFromMicroProfileConfig() {
        System.setProperty(StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "PT5M");
        try (SeContainer c = boot()) {
            ConsumedJwtIdStore jtis = c.select(ConsumedJwtIdStore.class, Volatile.Literal.INSTANCE).get();
            Instant exp = TestClock.CLOCK.now().plusSeconds(30);
            jtis.mark("dpop:k:skew", exp);
            TestClock.CLOCK.set(exp.plus(Duration.ofMinutes(4)));
            for (int i = 0; i < 3; i++) {
                jtis.mark("dpop:k:later-" + i, TestClock.CLOCK.now().plusSeconds(60)); // each write sweeps
            }
            TestClock.CLOCK.set(exp.minusSeconds(1));
            assertThat(jtis.isMarked("dpop:k:skew")).isTrue();
            assertThatThrownBy(() -> jtis.mark("dpop:k:skew", exp)).isInstanceOf(AlreadyConsumedException.class);
        }
    }

    @Test
    void theRetiredMaxStateBytesKeyRefusesTheStoreNamingItsReplacement() {
        System.setProperty("oidc.store.memory.max-state-bytes", "65536");
        try (SeContainer c = boot()) {
            assertThatThrownBy(() -> c.select(ConsumedJwtIdStore.class, Volatile.Literal.INSTANCE).get()
                    .isMarked("x")).isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1105")
                    .hasMessageContaining(MemorySettings.MAX_VALUE_BYTES_KEY);
        }
    }
}
