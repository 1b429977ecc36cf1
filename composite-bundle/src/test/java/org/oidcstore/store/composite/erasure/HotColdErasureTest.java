package org.oidcstore.store.composite.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import jakarta.transaction.TransactionManager;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.SubjectErasure;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.metrics.PrometheusText;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.StoreTier;

/**
 * {@code eraseSubject} through a composite over the real tiers (JPA on H2, memory): every kind of
 * one subject erased with exact counts, by the routing (sessions durable or volatile), nothing of
 * another subject touched; idempotent; a caller's transaction that rolls back takes the durable
 * part back; the erasure metrics.
 */
class HotColdErasureTest {
    private JpaStore jpa;
    private Samples samples;
    private String scope;

    @BeforeEach
    void tiers() {
        jpa = HotColdStores.durable();
        samples = new Samples(HotColdStores.clock());
        scope = "erase-" + UUID.randomUUID();
    }

    @AfterEach
    void drop() {
        SharedMetricRegistries.drop(scope);
    }

    private CompositeStore composite(SessionDurability posture) {
        return CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, HotColdStores.volatileTier()).sessionDurability(posture)
                .metricRegistry(SharedMetricRegistries.getOrCreate(scope)).build();
    }

    @ParameterizedTest
    @EnumSource(SessionDurability.class)
    void everyKindOfTheSubjectIsErasedWithExactCountsAndAnotherSubjectKeepsEverything(SessionDurability posture) {
        CompositeStore store = composite(posture);
        assertThat(store.routingTable().get(StoreKind.SESSIONS).tier().configName())
                .isEqualTo(posture == SessionDurability.DURABLE ? "durable" : "volatile");
        ErasureSeed erased = ErasureSeed.write(store, samples, "sub-erase-" + posture.configName());
        ErasureSeed kept = ErasureSeed.write(store, samples, "sub-keep-" + posture.configName());

        SubjectErasure first = store.eraseSubject(erased.subject());

        assertThat(first.counts()).isEqualTo(ErasureSeed.EXPECTED);
        assertThat(first.total()).isEqualTo(13);
        erased.assertDurable(store, false);
        erased.assertVolatile(store, false);
        erased.assertSessions(store, false);
        assertThat(store.interactions().find(erased.anonymousInteraction().interactionId())).isPresent();
        kept.assertAllPresent(store);
        // the erased JWT is denylisted until its expiry, the kept one is not
        assertThat(store.grantRevocations().isRevoked(null, erased.jwt().jti(), erased.jwt().issuedAt())).isTrue();
        assertThat(store.grantRevocations().isRevoked(null, kept.jwt().jti(), kept.jwt().issuedAt())).isFalse();

        assertThat(store.eraseSubject(erased.subject()).counts()).isEqualTo(ErasureSeed.zeros());
        assertThat(store.eraseSubject("sub-nobody").total()).isZero();
        kept.assertAllPresent(store);
    }

    @Test
    void aCallersTransactionThatRollsBackTakesTheDurablePartBackAndASecondCallFinishes() throws Exception {
        CompositeStore store = composite(SessionDurability.DURABLE);
        ErasureSeed seed = ErasureSeed.write(store, samples, "sub-rollback");
        TransactionManager tm = jpa.transactionManager();

        tm.begin();
        SubjectErasure inside;
        try {
            inside = store.eraseSubject(seed.subject());
            seed.assertDurable(store, false); // seen inside the caller's transaction
        } finally {
            tm.rollback();
        }
        assertThat(inside.counts()).isEqualTo(ErasureSeed.EXPECTED);
        seed.assertDurable(store, true);
        seed.assertSessions(store, true);
        seed.assertVolatile(store, false); // the volatile tier cannot roll back: already erased

        Map<StoreKind, Integer> durableOnly = new EnumMap<>(ErasureSeed.EXPECTED);
        durableOnly.put(StoreKind.INTERACTIONS, 0);
        durableOnly.put(StoreKind.DEVICE_AUTHORIZATIONS, 0);
        durableOnly.put(StoreKind.CIBA_REQUESTS, 0);
        assertThat(store.eraseSubject(seed.subject()).counts()).isEqualTo(durableOnly);
        seed.assertDurable(store, false);
        seed.assertSessions(store, false);
    }

    @Test
    void theErasureCountersCountFinishedCallsAndRecordsPerKindByRoute() {
        CompositeStore store = composite(SessionDurability.VOLATILE);
        ErasureSeed a = ErasureSeed.write(store, samples, "sub-metrics-a");
        ErasureSeed b = ErasureSeed.write(store, samples, "sub-metrics-b");
        store.eraseSubject(a.subject());
        store.eraseSubject(b.subject());
        store.eraseSubject(a.subject()); // finishes, erases nothing
        assertThatThrownBy(() -> store.eraseSubject(null)).isInstanceOf(NullPointerException.class);

        PrometheusText scrape = new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
        assertThat(scrape.value("oidc_store_subject_erasures_total", Map.of())).isEqualTo(3.0);
        Map<String, String> durable = Map.of("tier", "durable", "backend", "jpa");
        Map<String, String> volatileTier = Map.of("tier", "volatile", "backend", "memory");
        Map<String, Double> expected = new HashMap<>();
        expected.put("authorization-codes", 2.0);
        expected.put("refresh-tokens", 4.0);
        expected.put("access-tokens", 2.0);
        expected.put("opaque-access-tokens", 2.0);
        expected.put("authorization-contexts", 2.0);
        expected.put("grants", 2.0);
        expected.put("users", 2.0);
        expected.put("sessions", 4.0);
        expected.put("interactions", 2.0);
        expected.put("device-authorizations", 2.0);
        expected.put("ciba-requests", 2.0);
        expected.forEach((kind, n) -> {
            Map<String, String> tags = new HashMap<>(kind.equals("sessions") || kind.equals("interactions")
                    || kind.equals("device-authorizations") || kind.equals("ciba-requests") ? volatileTier : durable);
            tags.put("kind", kind);
            assertThat(scrape.value("oidc_store_erased_records_total", tags)).as(kind).isEqualTo(n);
        });
        assertThat(scrape.samples("oidc_store_erased_records_total")).hasSize(expected.size());
        assertThat(scrape.toString()).doesNotContain("sub-metrics");
    }
}
