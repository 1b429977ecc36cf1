package org.oidcstore.store.composite.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Grant;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.StoreTier;

/**
 * The Micrometer binding: the same operations through a composite on a MicroProfile Metrics
 * registry (SmallRye) and on a Micrometer Prometheus registry (the one WildFly's micrometer
 * subsystem uses) scrape to the same {@code oidc_store_*} series, names, tags and counts alike
 * (SmallRye's own {@code mp_scope} label aside); meters are registered once per method, not per call.
 */
class MicrometerMetricsTest {
    private String scope;
    private MutableClock clock;
    private Samples samples;

    @BeforeEach
    void scope() {
        scope = "micrometer-" + UUID.randomUUID();
        HotColdStores.durable();
        clock = HotColdStores.clock();
        samples = new Samples(clock);
    }

    @AfterEach
    void drop() {
        SharedMetricRegistries.drop(scope);
    }

    private CompositeStore composite(Object registry) {
        return CompositeStores.builder().withTier(StoreTier.DURABLE, HotColdStores.durable())
                .withTier(StoreTier.VOLATILE, HotColdStores.volatileTier())
                .sessionDurability(SessionDurability.VOLATILE).metricRegistry(registry)
                .metricsTimerSampling(1) // every call timed: the timers' counts are compared across registries
                .build();
    }

    /** A code issued and replayed, a refresh rotation and replay, a jti replay, a conflict, purges, a session miss. */
    private void exercise(CompositeStore store) {
        Grant grant = store.grants().save(samples.grant("sub-m", "client-a"));
        AuthorizationCode code = samples.code(grant.grantId());
        store.authorizationCodes().save(code);
        store.authorizationCodes().consume(code.code());
        assertThatThrownBy(() -> store.authorizationCodes().consume(code.code()))
                .isInstanceOf(AlreadyConsumedException.class);
        RefreshToken root = samples.refreshToken(grant.grantId());
        store.refreshTokens().save(root, null);
        store.refreshTokens().consume(root.token());
        store.refreshTokens().save(samples.refreshToken(grant.grantId()), root.token());
        assertThatThrownBy(() -> store.refreshTokens().consume(root.token()))
                .isInstanceOf(AlreadyConsumedException.class);
        store.consumedJwtIds().mark("dpop:k:1", clock.now().plusSeconds(60));
        assertThatThrownBy(() -> store.consumedJwtIds().mark("dpop:k:1", clock.now().plusSeconds(60)))
                .isInstanceOf(AlreadyConsumedException.class);
        Grant stale = grant.toBuilder().scopes(List.of("openid", "phone")).build();
        store.grants().save(stale);
        assertThatThrownBy(() -> store.grants().save(stale)).isInstanceOf(ConflictException.class);
        store.opaqueAccessTokens().save(samples.opaqueAccessToken(grant.grantId()));
        clock.advance(Duration.ofHours(1));
        assertThat(store.opaqueAccessTokens().purgeExpired(clock.now())).isEqualTo(1);
        store.recordPurge(new ExpiredRecordsPurged("jpa", Map.of(StoreKind.REFRESH_TOKENS, 3)));
        assertThat(store.sessions().find("nobody")).isEmpty();
    }

    /** Series that count (counters, timer counts, the gauge) by name and labels, without SmallRye's mp_scope. */
    private static Map<String, Double> counted(PrometheusText scrape) {
        Map<String, Double> out = new TreeMap<>();
        for (PrometheusText.Sample s : scrape.samples("oidc_store_")) {
            if (s.name().endsWith("_total") || s.name().endsWith("_seconds_count")
                    || s.name().equals("oidc_store_session_posture")) {
                Map<String, String> labels = new TreeMap<>(s.labels());
                labels.remove("mp_scope");
                assertThat(out.put(s.name() + labels, s.value())).as("one sample per series").isNull();
            }
        }
        return out;
    }

    private static Set<String> names(PrometheusText scrape) {
        return scrape.samples("oidc_store_").stream().map(PrometheusText.Sample::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The label sets of the timer's quantile samples (values are durations, so not compared). */
    private static Set<String> quantiles(PrometheusText scrape) {
        return scrape.samples("oidc_store_operation_seconds").stream()
                .filter(s -> s.name().equals("oidc_store_operation_seconds")).map(s -> {
                    Map<String, String> labels = new TreeMap<>(s.labels());
                    labels.remove("mp_scope");
                    return labels.toString();
                }).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, String> tags(String kind, String tier, String backend, String... more) {
        Map<String, String> m = new HashMap<>(Map.of("kind", kind, "tier", tier, "backend", backend));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void aMicrometerRegistryScrapesToTheSameSeriesAsMicroProfileMetrics() {
        exercise(composite(SharedMetricRegistries.getOrCreate(scope)));
        PrometheusText mp = new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        exercise(composite(registry));
        PrometheusText micrometer = new PrometheusText(registry.scrape());

        assertThat(counted(micrometer)).as("names, tags and counts").isNotEmpty().isEqualTo(counted(mp));
        assertThat(names(micrometer)).as("every series name, the timer's quantiles, sum and max included")
                .contains("oidc_store_operation_seconds", "oidc_store_operation_seconds_sum",
                        "oidc_store_operation_seconds_max")
                .isEqualTo(names(mp));
        assertThat(quantiles(micrometer)).as("the timer's quantile series").isNotEmpty().isEqualTo(quantiles(mp));
        // the same values, stated independently of the MicroProfile path
        assertThat(micrometer.value("oidc_store_operations_total", tags("authorization-codes", "durable", "jpa",
                "operation", "consume", "outcome", "replay"))).isEqualTo(1);
        assertThat(micrometer.value("oidc_store_operation_seconds_count", tags("authorization-codes", "durable",
                "jpa", "operation", "consume"))).isEqualTo(2);
        assertThat(micrometer.value("oidc_store_conflicts_total", tags("grants", "durable", "jpa",
                "operation", "save"))).isEqualTo(1);
        assertThat(micrometer.value("oidc_store_purged_total", tags("refresh-tokens", "durable", "jpa")))
                .isEqualTo(3);
        assertThat(micrometer.value("oidc_store_jti_replays_total", tags("consumed-jwt-ids", "volatile", "memory")))
                .isEqualTo(1);
        assertThat(micrometer.value("oidc_store_session_posture", tags("sessions", "volatile", "memory",
                "posture", "volatile"))).isEqualTo(1);
        assertThat(micrometer.firstLabels("oidc_store_operations_total").keySet())
                .containsExactlyInAnyOrder("kind", "tier", "backend", "operation", "outcome");
    }

    /**
     * Like WildFly's per-deployment {@code ApplicationRegistry}: only the shortcut methods reach the
     * exported registry; a meter registered with a builder would stay in this one, never scraped.
     */
    static final class ShortcutsOnly extends SimpleMeterRegistry {
        private final MeterRegistry exported;

        ShortcutsOnly(MeterRegistry exported) {
            this.exported = exported;
        }

        @Override
        public Counter counter(String name, Iterable<Tag> tags) {
            return exported.counter(name, tags);
        }

        @Override
        public Timer timer(String name, Iterable<Tag> tags) {
            return exported.timer(name, tags);
        }

        @Override
        public <T> T gauge(String name, Iterable<Tag> tags, T state, ToDoubleFunction<T> f) {
            return exported.gauge(name, tags, state, f);
        }
    }

    @Test
    void aRegistryThatForwardsOnlyItsShortcutsStillExportsEverySeries() {
        exercise(composite(SharedMetricRegistries.getOrCreate(scope)));
        PrometheusText mp = new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
        PrometheusMeterRegistry exported = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ShortcutsOnly app = new ShortcutsOnly(exported);
        CompositeStore store = composite(app);
        exercise(store);
        System.gc(); // a shortcut gauge holds its state weakly: the posture must survive a collection
        PrometheusText scraped = new PrometheusText(exported.scrape());
        assertThat(store.backend()).isNotNull(); // the composite (and its metrics) still in use
        assertThat(counted(scraped)).as("names, tags and counts").isNotEmpty().isEqualTo(counted(mp));
        assertThat(scraped.value("oidc_store_session_posture", tags("sessions", "volatile", "memory",
                "posture", "volatile"))).isEqualTo(1);
        assertThat(app.getMeters()).as("nothing left behind in the forwarding registry").isEmpty();
    }

    @Test
    void metersAreRegisteredOncePerMethodNotPerCall() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CompositeStore store = composite(registry);
        store.consumedJwtIds().mark("warm", clock.now().plusSeconds(60));
        List<Meter> before = List.copyOf(registry.getMeters());
        for (int i = 0; i < 100; i++) {
            store.consumedJwtIds().mark("jti-" + i, clock.now().plusSeconds(60));
        }
        assertThat(registry.getMeters()).as("no meter added by further calls").hasSameSizeAs(before);
        assertThat(registry.get("oidc_store_operations").tags("kind", "consumed-jwt-ids", "operation", "mark",
                "outcome", "ok").counter().count()).isEqualTo(101);
        assertThat(registry.get("oidc_store_operation").tags("kind", "consumed-jwt-ids", "operation", "mark")
                .timer().count()).isEqualTo(101);
    }
}
