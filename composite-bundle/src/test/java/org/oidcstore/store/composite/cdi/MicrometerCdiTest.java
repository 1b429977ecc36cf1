package org.oidcstore.store.composite.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.se.SeContainer;
import java.lang.reflect.Proxy;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;

/**
 * In CDI, the composite records into a Micrometer {@code MeterRegistry} bean (as WildFly's micrometer
 * subsystem provides one) when there is no MicroProfile {@code MetricRegistry}; when both exist,
 * MicroProfile Metrics is chosen (the documented order) and the Micrometer registry stays empty.
 */
class MicrometerCdiTest {

    /** The application's (or the server's) Micrometer registry, one per container. */
    @ApplicationScoped
    public static class MeterRegistryBean {
        @Produces
        @ApplicationScoped
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    private static double marks(MeterRegistry registry) {
        var found = registry.find("oidc_store_operations").tags("kind", "consumed-jwt-ids", "tier", "volatile",
                "backend", "memory", "operation", "mark", "outcome", "ok").counter();
        return found == null ? 0 : found.count();
    }

    @Test
    void withoutMicroProfileMetricsTheMeterRegistryBeanGetsTheSeries() {
        try (Deployment d = Deployment.of(MemoryStoreProducer.class, TxDurableBackend.class, MeterRegistryBean.class)) {
            SeContainer c = d.start();
            ConsumedJwtIdStore jtis = c.select(CompositeStore.class).get().consumedJwtIds();
            jtis.mark("a", Instant.now().plusSeconds(60));
            jtis.mark("b", Instant.now().plusSeconds(60));
            MeterRegistry registry = c.select(MeterRegistry.class).get();
            assertThat(marks(registry)).isEqualTo(2);
            assertThat(registry.get("oidc_store_session_posture").tags("kind", "sessions").gauge().value())
                    .isEqualTo(1);
        }
    }

    @Test
    void withBothRegistriesMicroProfileMetricsIsChosen() {
        try (Deployment d = Deployment.of(MemoryStoreProducer.class, TxDurableBackend.class, MeterRegistryBean.class)
                .extension(new LegacyMetricsExtension())) {
            SeContainer c = d.start();
            ConsumedJwtIdStore jtis = c.select(CompositeStore.class).get().consumedJwtIds();
            assertThat(Proxy.isProxyClass(jtis.getClass())).as("metered").isTrue();
            jtis.mark("c", Instant.now().plusSeconds(60));
            MeterRegistry registry = c.select(MeterRegistry.class).get();
            assertThat(registry.find("oidc_store_operations").counters()).as("nothing in the Micrometer registry")
                    .isEmpty();
        }
    }
}
