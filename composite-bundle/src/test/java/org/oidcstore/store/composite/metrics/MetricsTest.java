package org.oidcstore.store.composite.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.Grant;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.StoreTier;

/**
 * The documented metrics, as SmallRye Metrics' Prometheus exporter prints them: names, tags and
 * counts for operations, replays, conflicts, purges, business counters and the session posture.
 * Each test records into its own registry scope, so counts are exact.
 */
class MetricsTest {
    private String scope;
    private JpaStore jpa;
    private MutableClock clock;
    private Samples samples;

    @BeforeEach
    void scope() {
        scope = "test-" + UUID.randomUUID();
        jpa = HotColdStores.durable();
        clock = HotColdStores.clock();
        samples = new Samples(clock);
    }

    @AfterEach
    void drop() {
        SharedMetricRegistries.drop(scope);
    }

    private CompositeStore composite(SessionDurability posture) {
        return CompositeStores.builder().withTier(StoreTier.DURABLE, jpa).withTier(StoreTier.VOLATILE,
                HotColdStores.volatileTier()).sessionDurability(posture)
                .metricRegistry(SharedMetricRegistries.getOrCreate(scope))
                .metricsTimerSampling(1) // every call timed: the scrape compares the timer's count with the calls
                .build();
    }

    private PrometheusText scrape() {
        return new PrometheusText(new PrometheusMetricsExporter().exportOneScope(scope));
    }

    private static Map<String, String> tags(String kind, String tier, String backend, String... more) {
        java.util.Map<String, String> m = new java.util.HashMap<>(Map.of("kind", kind, "tier", tier, "backend", backend));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void operationsReplaysConflictsPurgesAndBusinessCountersAppearWithTheirTags() {
        CompositeStore store = composite(SessionDurability.VOLATILE);
        Grant grant = store.grants().save(samples.grant("sub-m", "client-a"));
        AuthorizationCode code = samples.code(grant.grantId());
        store.authorizationCodes().save(code);
        store.authorizationCodes().consume(code.code());
        assertThatThrownBy(() -> store.authorizationCodes().consume(code.code()))
                .isInstanceOf(AlreadyConsumedException.class);
        RefreshToken root = samples.refreshToken(grant.grantId());
        store.refreshTokens().save(root, null);
        store.refreshTokens().consume(root.token());
        RefreshToken child = samples.refreshToken(grant.grantId());
        store.refreshTokens().save(child, root.token());
        assertThatThrownBy(() -> store.refreshTokens().consume(root.token()))
                .isInstanceOf(AlreadyConsumedException.class);
        store.consumedJwtIds().mark("dpop:k:1", clock.now().plusSeconds(60));
        assertThatThrownBy(() -> store.consumedJwtIds().mark("dpop:k:1", clock.now().plusSeconds(60)))
                .isInstanceOf(AlreadyConsumedException.class);
        Grant stale = grant.toBuilder().scopes(java.util.List.of("openid", "phone")).build();
        store.grants().save(stale);
        assertThatThrownBy(() -> store.grants().save(stale)).isInstanceOf(ConflictException.class);
        store.opaqueAccessTokens().save(samples.opaqueAccessToken(grant.grantId()));
        clock.advance(Duration.ofHours(1));
        assertThat(store.opaqueAccessTokens().purgeExpired(clock.now())).isEqualTo(1);
        store.recordPurge(new ExpiredRecordsPurged("jpa", Map.of(StoreKind.REFRESH_TOKENS, 3)));
        assertThat(store.sessions().find("nobody")).isEmpty();

        PrometheusText p = scrape();
        assertThat(p.value("oidc_store_operations_total", tags("authorization-codes", "durable", "jpa",
                "operation", "save", "outcome", "ok"))).isEqualTo(1);
        assertThat(p.value("oidc_store_operations_total", tags("authorization-codes", "durable", "jpa",
                "operation", "consume", "outcome", "replay"))).isEqualTo(1);
        assertThat(p.value("oidc_store_operation_seconds_count", tags("authorization-codes", "durable", "jpa",
                "operation", "consume"))).isEqualTo(2);
        assertThat(p.value("oidc_store_replays_total", tags("refresh-tokens", "durable", "jpa",
                "operation", "consume"))).isEqualTo(1);
        assertThat(p.value("oidc_store_conflicts_total", tags("grants", "durable", "jpa", "operation", "save")))
                .isEqualTo(1);
        assertThat(p.value("oidc_store_purged_total", tags("opaque-access-tokens", "durable", "jpa"))).isEqualTo(1);
        assertThat(p.value("oidc_store_purged_total", tags("refresh-tokens", "durable", "jpa"))).isEqualTo(3);
        assertThat(p.value("oidc_store_codes_issued_total", tags("authorization-codes", "durable", "jpa")))
                .isEqualTo(1);
        assertThat(p.value("oidc_store_refresh_rotations_total", tags("refresh-tokens", "durable", "jpa")))
                .as("the root save is no rotation").isEqualTo(1);
        assertThat(p.value("oidc_store_code_replays_total", tags("authorization-codes", "durable", "jpa")))
                .isEqualTo(1);
        assertThat(p.value("oidc_store_refresh_replays_total", tags("refresh-tokens", "durable", "jpa")))
                .isEqualTo(1);
        assertThat(p.value("oidc_store_jti_replays_total", tags("consumed-jwt-ids", "volatile", "memory")))
                .isEqualTo(1);
        assertThat(p.value("oidc_store_session_operations_total", tags("sessions", "volatile", "memory",
                "operation", "find", "outcome", "absent", "posture", "volatile"))).isEqualTo(1);
        assertThat(p.value("oidc_store_session_posture", tags("sessions", "volatile", "memory",
                "posture", "volatile"))).isEqualTo(1);
        assertThat(p.firstLabels("oidc_store_operations_total").keySet())
                .containsExactlyInAnyOrder("kind", "tier", "backend", "operation", "outcome", "mp_scope");
        assertThat(p.firstLabels("oidc_store_codes_issued_total").keySet())
                .containsExactlyInAnyOrder("kind", "tier", "backend", "mp_scope");
    }

    /** The business counters of dynamic registration: uses of initial access tokens and rotations of registration ones. */
    @Test
    void clientCascadesAreCountedOncePerRevocationOfAClientAndCarryNoClientId() {
        CompositeStore store = composite(SessionDurability.VOLATILE);
        Grant grant = store.grants().save(samples.grant("sub-c", "client-cascade"));
        store.refreshTokens().save(samples.refreshToken(grant.grantId()).toBuilder().clientId("client-cascade").build(), null);
        assertThat(store.revokeClient("client-cascade").grants()).isEqualTo(1);
        assertThat(store.grants().revokeByClient("no-such-client")).isZero();

        PrometheusText p = scrape();
        assertThat(p.value("oidc_store_client_cascades_total", tags("grants", "durable", "jpa")))
                .as("a cascade through OidcStore.revokeClient and one through GrantStore directly").isEqualTo(2);
        assertThat(p.firstLabels("oidc_store_client_cascades_total").keySet())
                .containsExactlyInAnyOrder("kind", "tier", "backend", "mp_scope");
        assertThat(p.value("oidc_store_operations_total", tags("refresh-tokens", "durable", "jpa",
                "operation", "revokeByClient", "outcome", "ok"))).isEqualTo(1);
    }

    @Test
    void registrationCountersCountUsesRefusalsRotationsAndStaleRotations() {
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .kinds(java.util.EnumSet.of(StoreKind.INITIAL_ACCESS_TOKENS, StoreKind.REGISTRATION_ACCESS_TOKENS))
                .metricRegistry(SharedMetricRegistries.getOrCreate(scope)).build();
        InitialAccessToken iat = InitialAccessToken.issue(Samples.secret("iat"), clock.now(), null, 2, null);
        store.initialAccessTokens().save(iat);
        store.initialAccessTokens().use(iat.token());
        store.initialAccessTokens().use(iat.token());
        assertThatThrownBy(() -> store.initialAccessTokens().use(iat.token())).isInstanceOf(ConflictException.class);
        assertThat(store.initialAccessTokens().use(Samples.secret("iat"))).as("unknown: not a use").isEmpty();
        RegistrationAccessToken rat = new RegistrationAccessToken("client-m", Samples.secret("rat"), clock.now(), null);
        store.registrationAccessTokens().save(rat);
        RegistrationAccessToken next = new RegistrationAccessToken("client-m", Samples.secret("rat"), clock.now(), null);
        store.registrationAccessTokens().rotate(rat.token(), next);
        assertThatThrownBy(() -> store.registrationAccessTokens().rotate(rat.token(), next))
                .isInstanceOf(ConflictException.class);

        PrometheusText p = scrape();
        assertThat(p.value("oidc_store_initial_access_token_uses_total", tags("initial-access-tokens", "durable", "jpa")))
                .isEqualTo(2);
        assertThat(p.value("oidc_store_initial_access_token_refusals_total",
                tags("initial-access-tokens", "durable", "jpa"))).isEqualTo(1);
        assertThat(p.value("oidc_store_registration_token_rotations_total",
                tags("registration-access-tokens", "durable", "jpa"))).isEqualTo(1);
        assertThat(p.value("oidc_store_registration_token_stale_rotations_total",
                tags("registration-access-tokens", "durable", "jpa"))).isEqualTo(1);
    }

    @Test
    void aDurablePostureIsTheSessionTagAndGauge() {
        CompositeStore store = composite(SessionDurability.DURABLE);
        store.sessions().save(samples.session("group"));
        PrometheusText p = scrape();
        assertThat(p.value("oidc_store_session_operations_total", tags("sessions", "durable", "jpa",
                "operation", "save", "outcome", "ok", "posture", "durable"))).isEqualTo(1);
        assertThat(p.value("oidc_store_session_posture", tags("sessions", "durable", "jpa", "posture", "durable")))
                .isEqualTo(1);
    }

    @Test
    void withoutARegistryTheCompositeHandsOutTheBackendsOwnStores() {
        var memory = HotColdStores.volatileTier();
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory).build();
        assertThat(store.refreshTokens()).isSameAs(jpa.refreshTokens());
        assertThat(store.consumedJwtIds()).isSameAs(memory.consumedJwtIds());
        assertThat(Proxy.isProxyClass(store.grants().getClass())).isFalse();
    }

    @Test
    void anObjectThatIsNoMetricRegistryDisablesMetricsInsteadOfFailing() {
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, HotColdStores.volatileTier()).metricRegistry("not a registry").build();
        assertThat(store.grants()).isSameAs(jpa.grants());
    }
}
