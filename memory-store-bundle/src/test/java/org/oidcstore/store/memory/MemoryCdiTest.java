package org.oidcstore.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;
import org.oidcstore.store.tier.Volatile;

/** The memory bundle's producers in Weld SE, configured through MicroProfile Config. */
class MemoryCdiTest {

    @AfterEach
    void clear() {
        System.clearProperty(MemorySettings.CAPACITY_KEY);
    }

    private static SeContainer boot() {
        return SeContainerInitializer.newInstance().disableDiscovery().addBeanClasses(MemoryStoreProducer.class)
                .addExtensions(new io.smallrye.config.inject.ConfigExtension()).initialize();
    }

    @Test
    void everyHostedSubstoreIsInjectableAsVolatile() {
        try (SeContainer c = boot()) {
            OidcStore store = c.select(OidcStore.class, Volatile.Literal.INSTANCE).get();
            assertThat(store.backend()).isEqualTo("memory");
            ConsumedJwtIdStore jtis = c.select(ConsumedJwtIdStore.class, Volatile.Literal.INSTANCE).get();
            jtis.mark("dpop:k:1", Instant.now().plusSeconds(60));
            assertThat(store.consumedJwtIds().isMarked("dpop:k:1")).as("one store behind every bean").isTrue();
            assertThatThrownBy(() -> jtis.mark("dpop:k:1", Instant.now().plusSeconds(60)))
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
            jtis.mark("a", Instant.now().plusSeconds(60));
            jtis.mark("b", Instant.now().plusSeconds(60));
            assertThatThrownBy(() -> jtis.mark("c", Instant.now().plusSeconds(60)))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }
}
