package org.oidcstore.store.composite.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arjuna.ats.jta.cdi.TransactionExtension;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;
import jakarta.enterprise.inject.se.SeContainer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.composite.erasure.ErasureSeed;
import org.oidcstore.store.composite.metrics.PrometheusText;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.jpa.internal.cdi.JpaStoreProducer;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * {@code eraseSubject} in a CDI deployment (Weld SE, JPA on H2 under Narayana, memory, SmallRye
 * Metrics) from a {@code @Transactional} admin task: a task that rolls back keeps the durable
 * records, and its erasure is not counted as finished nor are its durable records counted (the
 * counters follow the commit); the volatile part, done before the commit, is.
 */
class CdiErasureTest {

    @Test
    void aRolledBackAdminTaskKeepsTheDurableRecordsAndCountsOnlyWhatWasDone() {
        try (Deployment d = Deployment.of(MemoryStoreProducer.class, JpaStoreProducer.class, ErasureEndpoint.class)
                .extension(new TransactionExtension()).extension(new LegacyMetricsExtension())
                .with("oidc.store.jpa.url", "jdbc:h2:mem:cdi-erase;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000")
                .with("oidc.store.jpa.user", "sa").with("oidc.store.jpa.migrate", "true")
                .with("oidc.store.gc.interval", "PT0S").with("oidc.store.secret-pepper", HotColdStores.PEPPER)) {
            SeContainer c = d.start();
            OidcStore store = c.select(OidcStore.class).get();
            ErasureEndpoint task = c.select(ErasureEndpoint.class).get();
            ErasureSeed seed = ErasureSeed.write(store, new Samples(MutableClock.startingNow()), "sub-cdi-erase");
            PrometheusText before = scrape();

            assertThatThrownBy(() -> task.erase(seed.subject(), true)).isInstanceOf(IllegalStateException.class);
            seed.assertDurable(store, true);
            seed.assertSessions(store, true);
            seed.assertVolatile(store, false);
            PrometheusText afterRollback = scrape();
            assertThat(delta(before, afterRollback, "oidc_store_subject_erasures_total", Map.of())).isZero();
            assertThat(delta(before, afterRollback, "oidc_store_erased_records_total",
                    Map.of("kind", "grants", "tier", "durable", "backend", "jpa"))).isZero();
            assertThat(delta(before, afterRollback, "oidc_store_erased_records_total",
                    Map.of("kind", "interactions", "tier", "volatile", "backend", "memory"))).isEqualTo(1);

            assertThat(task.erase(seed.subject(), false).total()).isEqualTo(ErasureSeed.EXPECTED.values().stream()
                    .mapToInt(Integer::intValue).sum() - 3); // the three volatile records went with the first call
            seed.assertDurable(store, false);
            seed.assertSessions(store, false);
            PrometheusText after = scrape();
            assertThat(delta(before, after, "oidc_store_subject_erasures_total", Map.of())).isEqualTo(1);
            assertThat(delta(before, after, "oidc_store_erased_records_total",
                    Map.of("kind", "grants", "tier", "durable", "backend", "jpa"))).isEqualTo(1);
            assertThat(delta(before, after, "oidc_store_erased_records_total",
                    Map.of("kind", "sessions", "tier", "durable", "backend", "jpa"))).isEqualTo(2);
        }
    }

    private static PrometheusText scrape() {
        return new PrometheusText(new PrometheusMetricsExporter().exportOneScope("application"));
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> tags) {
        return after.value(name, tags) - before.value(name, tags);
    }
}
