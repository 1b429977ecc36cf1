package org.oidcstore.store.composite.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arjuna.ats.jta.cdi.TransactionExtension;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;
import jakarta.enterprise.inject.se.SeContainer;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.metrics.PrometheusText;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.jpa.internal.cdi.JpaStoreProducer;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;
import org.oidcstore.store.spi.ClientSecrets;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.Durable;

/**
 * The bundles as a provider deploys them, in Weld SE: memory (volatile), JPA on H2 (durable,
 * configured through MicroProfile Config), the composite, Narayana's {@code @Transactional} and
 * SmallRye Metrics.
 */
class CdiEndToEndTest {
    private static final String RAW = "s3cret-of-the-web-app-0123456789";

    private static Deployment deployment(String db, Map<String, String> extra) {
        Deployment d = Deployment.of(MemoryStoreProducer.class, JpaStoreProducer.class, TokenEndpoint.class)
                .extension(new TransactionExtension()).extension(new LegacyMetricsExtension())
                .with("oidc.store.jpa.url", "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000")
                .with("oidc.store.jpa.user", "sa").with("oidc.store.jpa.migrate", "true")
                .with("oidc.store.gc.interval", "PT0S").with("oidc.store.secret-pepper", HotColdStores.PEPPER);
        extra.forEach(d::with);
        return d;
    }

    private static Map<String, String> webClient(String secret) {
        Map<String, String> m = new HashMap<>();
        m.put("oidc.store.static-clients.web.redirect-uris", "https://app.example/cb");
        m.put("oidc.store.static-clients.web.scopes", "openid,profile");
        m.put("oidc.store.static-clients.web.secret", secret);
        return m;
    }

    @Test
    void theDefaultBeansAreTheCompositeAndTransactionalClusterWritesAreAtomic() {
        try (Deployment d = deployment("cdi-tx", Map.of("oidc.store.sessions.durability", "volatile"))) {
            SeContainer c = d.start();
            CompositeStore composite = c.select(CompositeStore.class).get();
            assertThat(c.select(OidcStore.class).get().backend()).isEqualTo("composite");
            assertThat(composite.sessionDurability()).isEqualTo(SessionDurability.VOLATILE);
            assertThat(composite.routingTable().get(StoreKind.GRANTS).backend()).isEqualTo("jpa");
            assertThat(composite.routingTable().get(StoreKind.SESSIONS).backend()).isEqualTo("memory");
            assertThat(composite.transactional()).isTrue();

            TokenEndpoint endpoint = c.select(TokenEndpoint.class).get();
            Samples samples = new Samples(MutableClock.startingNow());
            PrometheusText before = scrape();
            TokenEndpoint.Issued ok = endpoint.issue(samples, new TokenEndpoint.Issued[1], false);
            TokenEndpoint.Issued[] failed = new TokenEndpoint.Issued[1];
            assertThatThrownBy(() -> endpoint.issue(samples, failed, true)).isInstanceOf(IllegalStateException.class);

            GrantStore grants = c.select(GrantStore.class).get();
            AuthorizationCodeStore codes = c.select(AuthorizationCodeStore.class).get();
            RefreshTokenStore tokens = c.select(RefreshTokenStore.class).get();
            assertThat(grants.find(ok.grant().grantId())).isPresent();
            assertThat(codes.find(ok.code().code())).isPresent();
            assertThat(tokens.find(ok.token().token())).isPresent();
            assertThat(grants.find(failed[0].grant().grantId())).as("rolled back together").isEmpty();
            assertThat(codes.find(failed[0].code().code())).isEmpty();
            assertThat(tokens.find(failed[0].token().token())).isEmpty();
            assertThat(c.select(RefreshTokenStore.class, Durable.Literal.INSTANCE).get().find(ok.token().token()))
                    .as("the composite wrote to the @Durable backend").isPresent();

            PrometheusText after = scrape();
            Map<String, String> codeTags = Map.of("kind", "authorization-codes", "tier", "durable", "backend", "jpa");
            assertThat(delta(before, after, "oidc_store_codes_issued_total", codeTags))
                    .as("a rolled-back issuance issued nothing").isEqualTo(1);
            Map<String, String> saves = new HashMap<>(codeTags);
            saves.putAll(Map.of("operation", "save", "outcome", "ok", "mp_scope", "application"));
            assertThat(delta(before, after, "oidc_store_operations_total", saves)).isEqualTo(2);

            ConsumedJwtIdStore jtis = c.select(ConsumedJwtIdStore.class).get();
            jtis.mark("dpop:cdi:1", java.time.Instant.now().plusSeconds(60));
            assertThatThrownBy(() -> jtis.mark("dpop:cdi:1", java.time.Instant.now().plusSeconds(60)))
                    .isInstanceOf(org.oidcstore.store.AlreadyConsumedException.class);
            assertThat(delta(before, scrape(), "oidc_store_jti_replays_total",
                    Map.of("kind", "consumed-jwt-ids", "tier", "volatile", "backend", "memory"))).isEqualTo(1);
            assertThat(scrape().value("oidc_store_session_posture", Map.of("posture", "volatile", "backend", "memory")))
                    .isEqualTo(1);

            // a backend's own GC sweep reaches the purge metric through the CDI event
            PrometheusText beforePurge = scrape();
            c.getBeanManager().getEvent().select(ExpiredRecordsPurged.class)
                    .fire(new ExpiredRecordsPurged("jpa", Map.of(StoreKind.REFRESH_TOKENS, 2)));
            assertThat(delta(beforePurge, scrape(), "oidc_store_purged_total",
                    Map.of("kind", "refresh-tokens", "tier", "durable", "backend", "jpa"))).isEqualTo(2);
        }
    }

    @Test
    void staticClientsFromConfigAreSeededAndARestartWithTheSameRawSecretDoesNotConflict() {
        try (Deployment d = deployment("cdi-static", webClient(RAW))) {
            SeContainer c = d.start();
            Client web = c.select(ClientStore.class).get().find("web").orElseThrow();
            assertThat(web.scopes()).containsExactlyInAnyOrder("openid", "profile");
            assertThat(ClientSecrets.verify(RAW, web.secretHash())).isTrue();
        }
        try (Deployment d = deployment("cdi-static", webClient(RAW))) {
            SeContainer c = d.start();
            assertThat(ClientSecrets.verify(RAW, c.select(ClientStore.class).get().find("web").orElseThrow()
                    .secretHash())).isTrue();
        }
        Throwable e = catchThrowable(() -> deployment("cdi-static", webClient("a-changed-secret-000000")).start());
        StoreConfigurationException cause = cause(e, StoreConfigurationException.class);
        assertThat(cause.getMessage()).startsWith("OIDCS-2112 ").contains("web").doesNotContain("a-changed-secret")
                .doesNotContain(RAW);
    }

    @Test
    void staticClientBeansAreSeededWithTheConfiguredOnesAndADuplicateIdFailsTheStart() {
        try (Deployment d = deployment("cdi-static-beans", webClient(RAW))) {
            d.beans(StaticClientBeans.class);
            SeContainer c = d.start();
            ClientStore clients = c.select(ClientStore.class).get();
            for (String id : new String[] {"web", "spa", "ios", "android"}) {
                assertThat(clients.find(id)).as(id).isPresent();
            }
            assertThat(clients.find("ios").orElseThrow()).isEqualTo(StaticClientBeans.publicClient("ios"));
        }
        Map<String, String> clash = new HashMap<>(webClient(RAW));
        clash.put("oidc.store.static-clients.spa.public", "true");
        clash.put("oidc.store.static-clients.spa.redirect-uris", "https://spa.example/cb");
        Deployment d = deployment("cdi-static-beans", clash);
        d.beans(StaticClientBeans.class);
        StoreConfigurationException e = cause(catchThrowable(d::start), StoreConfigurationException.class);
        assertThat(e.getMessage()).startsWith("OIDCS-2113 ").contains("spa");
    }

    @Test
    void withoutAMetricRegistryTheCompositeDeploysAndDoesNotWrap() {
        try (Deployment d = Deployment.of(MemoryStoreProducer.class, TxDurableBackend.class)) {
            SeContainer c = d.start();
            ConsumedJwtIdStore jtis = c.select(CompositeStore.class).get().consumedJwtIds();
            assertThat(Proxy.isProxyClass(jtis.getClass())).as("no metrics decorator").isFalse();
            jtis.mark("a", java.time.Instant.now().plusSeconds(60));
            assertThat(c.select(ConsumedJwtIdStore.class).get().isMarked("a")).isTrue();
        }
        try (Deployment d = Deployment.of(MemoryStoreProducer.class, TxDurableBackend.class)
                .extension(new LegacyMetricsExtension())) {
            SeContainer c = d.start();
            assertThat(Proxy.isProxyClass(c.select(CompositeStore.class).get().consumedJwtIds().getClass()))
                    .as("metered when a MetricRegistry bean exists").isTrue();
        }
        assertThat(Refuse.calls()).isEmpty();
    }

    /**
     * As on a server: discovery on, every extension found through {@code META-INF/services}, nothing
     * added by hand. The test class path holds all three backend bundles, so memory and Redis are
     * both deployed for the volatile tier: the extension, registered by its service file, reports
     * exactly that (and no connection to Redis is attempted). Both the Redis and the JPA settings are
     * valid, so that their tiers' ConfigSafetyChecks have nothing to add.
     */
    @Test
    void withDiscoveryTheExtensionIsRegisteredThroughServiceLoader() {
        RuntimeException e;
        try (Deployment d = Deployment.of().with("oidc.store.redis.uri", "rediss://127.0.0.1:1")
                .with("oidc.store.redis.password", "x").with("oidc.store.jpa.url", "jdbc:h2:mem:discovery")) {
            e = (RuntimeException) catchThrowable(d::startDiscovering);
        }
        assertThat(e).isInstanceOf(jakarta.enterprise.inject.spi.DefinitionException.class);
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2070");
        assertThat(e.getMessage()).contains("'memory' (").contains("'redis' (");
    }

    private static PrometheusText scrape() {
        return new PrometheusText(new PrometheusMetricsExporter().exportOneScope("application"));
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> tags) {
        return after.value(name, tags) - before.value(name, tags);
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected a failure");
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the causes of " + t, t);
    }
}
