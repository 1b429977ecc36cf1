package org.oidcstore.store.composite.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Grant;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.metrics.PrometheusText;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.StoreTier;

/**
 * Rotation grace through the composite over JPA (H2) and memory: the extension is the routed
 * backend's, metered; a lost response is served again once ({@code oidc_store_refresh_grace_hits}
 * counts it), and no more once the successor was used.
 */
class RotationGraceCompositeTest {
    private final String scope = "grace-" + UUID.randomUUID();

    @AfterEach
    void drop() {
        SharedMetricRegistries.drop(scope);
    }

    @Test
    void aLostResponseIsServedAgainUntilTheSuccessorIsUsedAndEachServedOneIsCounted() {
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, HotColdStores.durable())
                .withTier(StoreTier.VOLATILE, HotColdStores.volatileTier())
                .sessionDurability(SessionDurability.DURABLE)
                .metricRegistry(SharedMetricRegistries.getOrCreate(scope)).build();
        Samples samples = new Samples(HotColdStores.clock());
        RefreshRetryResponses grace = store.refreshRetryResponses().orElseThrow();
        Grant grant = store.grants().save(samples.grant("sub-grace", "client-a"));
        RefreshToken root = samples.refreshToken(grant.grantId());
        store.refreshTokens().save(root, null);
        RefreshToken successor = samples.refreshToken(grant.grantId());
        byte[] sealed = "sealed-by-the-provider".getBytes(StandardCharsets.UTF_8);
        store.inTransaction(() -> {
            store.refreshTokens().consume(root.token()).orElseThrow();
            grace.saveWithRetryResponse(successor, root.token(), sealed, samples.now().plusSeconds(60));
            return null;
        });

        assertThatThrownBy(() -> store.refreshTokens().consume(root.token()))
                .isInstanceOf(AlreadyConsumedException.class);
        assertThat(grace.findRetryResponse(root.token())).hasValueSatisfying(r -> assertThat(r).isEqualTo(sealed));
        assertThat(grace.findRetryResponse(root.token())).isPresent();
        store.refreshTokens().consume(successor.token()).orElseThrow();
        assertThat(grace.findRetryResponse(root.token())).isEmpty();

        PrometheusText scrape = new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
        Map<String, String> tags = Map.of("kind", "refresh-tokens", "tier", "durable", "backend", "jpa");
        assertThat(scrape.value("oidc_store_refresh_grace_hits_total", tags)).isEqualTo(2.0);
        assertThat(scrape.value("oidc_store_refresh_rotations_total", tags)).isEqualTo(1.0);
        assertThat(scrape.value("oidc_store_refresh_replays_total", tags)).isEqualTo(1.0);
    }
}
