package org.oidcstore.store.composite;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.metrics.PrometheusText;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.memory.internal.MemoryAggregate;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.StoreTier;

/**
 * Rotation grace through the composite: {@code refreshRetryResponses()} is present exactly when the
 * backend the Refresh-tokens kind is routed to offers it, it works on that backend's data, and
 * its calls are metered, a served response counting as a {@code refresh_grace_hits} event.
 */
class RefreshGraceCompositeTest {
    private String scope;
    private JpaStore jpa;
    private MemoryAggregate memory;
    private Samples samples;

    @BeforeEach
    void open() {
        scope = "grace-" + UUID.randomUUID();
        jpa = HotColdStores.durable();
        memory = HotColdStores.volatileTier();
        samples = new Samples(HotColdStores.clock());
    }

    @AfterEach
    void drop() {
        SharedMetricRegistries.drop(scope);
    }

    private static Map<String, String> tags(String... more) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("kind", "refresh-tokens", "tier", "durable",
                "backend", "jpa"));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void aBackendWithoutTheExtensionGivesACompositeWithoutIt() {
        OidcStore plain = FakeStore.of("plain", true, EnumSet.allOf(StoreKind.class));
        assertThat(plain.refreshRetryResponses()).as("the backend itself").isEmpty();
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, plain)
                .withTier(StoreTier.VOLATILE, memory).build();
        assertThat(store.refreshRetryResponses()).isEmpty();
        assertThat(store.extension(StoreKind.REFRESH_TOKENS, RefreshRetryResponses.class)).isEmpty();

        CompositeStore onJpa = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory).build();
        assertThat(jpa.refreshRetryResponses()).as("the JPA backend itself").isPresent();
        assertThat(onJpa.refreshRetryResponses()).as("routed to JPA, without metrics").isPresent();
    }

    @Test
    void servedResponsesAreCountedAsGraceHitsAndRotationsAsRotations() {
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory).metricRegistry(SharedMetricRegistries.getOrCreate(scope)).build();
        RefreshRetryResponses grace = store.refreshRetryResponses().orElseThrow();
        RefreshToken root = samples.refreshToken();
        store.refreshTokens().save(root, null);
        RefreshToken next = root.successor(Samples.secret("rt"), null, samples.now(), samples.now().plus(Duration.ofDays(1)));
        byte[] response = ("{\"refresh_token\":\"" + next.token() + "\"}").getBytes(StandardCharsets.UTF_8);
        store.inTransaction(() -> {
            grace.consume(root.token()).orElseThrow();
            grace.saveWithRetryResponse(next, root.token(), response, samples.now().plusSeconds(60));
            return null;
        });
        assertThat(jpa.refreshRetryResponses().orElseThrow().findRetryResponse(root.token()))
                .as("written to the routed backend").hasValueSatisfying(b -> assertThat(b).isEqualTo(response));
        assertThat(grace.findRetryResponse(root.token())).hasValueSatisfying(b -> assertThat(b).isEqualTo(response));
        assertThat(grace.findRetryResponse(root.token())).isPresent();
        assertThat(grace.findRetryResponse(Samples.secret("rt"))).as("unknown: no hit").isEmpty();
        store.refreshTokens().consume(next.token()).orElseThrow();
        assertThat(grace.findRetryResponse(root.token())).as("the successor was used: no hit").isEmpty();

        PrometheusText p = new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
        assertThat(p.value("oidc_store_refresh_grace_hits_total", tags())).isEqualTo(2);
        assertThat(p.value("oidc_store_refresh_rotations_total", tags())).as("the committed rotation").isEqualTo(1);
        assertThat(p.value("oidc_store_operations_total", tags("operation", "findRetryResponse", "outcome", "ok")))
                .isEqualTo(2);
        assertThat(p.value("oidc_store_operations_total", tags("operation", "findRetryResponse", "outcome",
                "absent"))).isEqualTo(2);
        assertThat(p.value("oidc_store_operations_total", tags("operation", "saveWithRetryResponse", "outcome",
                "ok"))).isEqualTo(1);
    }
}
