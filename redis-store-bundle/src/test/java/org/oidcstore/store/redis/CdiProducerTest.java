package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.internal.RedisFixture;
import org.oidcstore.store.redis.support.TestServers;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.Volatile;

/**
 * The {@code @Volatile} beans in Weld SE with SmallRye Config: injection of every substore, lazy
 * start (no connection until the first operation), the safety floor at first use, and the client
 * closed at shutdown.
 */
class CdiProducerTest {

    private static <T> T bean(SeContainer c, Class<T> type) {
        return c.select(type, Volatile.Literal.INSTANCE).get();
    }

    private static SeContainer boot(Map<String, String> values) {
        Config config = SettingsFromConfigTest.config(values);
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, cl);
        try {
            return SeContainerInitializer.newInstance().initialize();
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
    }

    private static void shutdown(SeContainer c) {
        Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try {
            c.close();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    @Test
    void everyVolatileBeanIsInjectableAndWorksOnOneClientClosedAtShutdown() {
        String prefix = RedisFixture.newPrefix();
        SeContainer c = boot(Map.of("oidc.store.redis.uri", TestServers.plain().toString(),
                "oidc.store.redis.password", TestServers.devPassword(),
                "oidc.store.redis.dev-mode-allow-plaintext", "true", "oidc.store.redis.key-prefix", prefix));
        SessionStore realSessions;
        try {
            OidcStore store = bean(c, OidcStore.class);
            assertThat(store.backend()).isEqualTo("redis");
            assertThat(store.kinds()).containsExactlyInAnyOrder(StoreKind.SESSIONS, StoreKind.INTERACTIONS,
                    StoreKind.CONSUMED_JWT_IDS, StoreKind.PUSHED_AUTHORIZATION_REQUESTS,
                    StoreKind.DEVICE_AUTHORIZATIONS, StoreKind.CIBA_REQUESTS);
            Samples samples = new Samples(org.oidcstore.store.tck.MutableClock.startingNow());
            var session = samples.session("cdi");
            bean(c, SessionStore.class).save(session);
            assertThat(store.sessions().find(session.sessionId())).contains(session);
            var ia = samples.interaction(Samples.binaryState(7));
            bean(c, InteractionStore.class).save(ia);
            bean(c, InteractionCompareAndSwap.class).deleteIfUnchanged(ia.interactionId(), Samples.binaryState(7));
            assertThat(bean(c, InteractionStore.class).find(ia.interactionId())).isEmpty();
            bean(c, ConsumedJwtIdStore.class).mark("cdi-jti", java.time.Instant.now().plusSeconds(30));
            assertThat(bean(c, ConsumedJwtIdStore.class).isMarked("cdi-jti")).isTrue();
            assertThat(bean(c, PushedAuthorizationRequestStore.class).find("none")).isEmpty();
            var now = java.time.Instant.now();
            bean(c, DeviceAuthorizationStore.class).save(DeviceAuthorization.pending("cdi-dc", "CDIC-ODE1", "client-a",
                    java.util.Set.of("openid"), Map.of(), now, now.plusSeconds(30), java.time.Duration.ofSeconds(5)));
            assertThat(store.deviceAuthorizations().findByUserCode("cdic-ode1")).isPresent();
            assertThat(bean(c, CibaRequestStore.class).find("none")).isEmpty();
            realSessions = store.sessions(); // the instance behind the proxies
        } finally {
            shutdown(c);
        }
        assertThatThrownBy(() -> realSessions.find("x")).as("the client was closed with the container")
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("closed");
        RedisFixture.admin(Topology.PLAIN).deleteAll(prefix);
    }

    @Test
    void anUnsafeConfigurationIsReportedWithoutConnectingAndFailsAtFirstUse() {
        SeContainer c = boot(Map.of("oidc.store.redis.uri", "redis://127.0.0.1:1"));
        try {
            OidcStore store = bean(c, OidcStore.class);
            assertThat(store.unsafeSettings()).anyMatch(m -> m.startsWith("OIDCS-1460"))
                    .anyMatch(m -> m.startsWith("OIDCS-1461"));
            assertThatThrownBy(() -> bean(c, ConsumedJwtIdStore.class).isMarked("x"))
                    .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1404")
                    .hasMessageContaining("OIDCS-1405");
        } finally {
            shutdown(c);
        }
    }

    @Test
    void beansAreLazyNoConnectionBeforeTheFirstOperation() {
        SeContainer c = boot(Map.of("oidc.store.redis.uri", "redis://127.0.0.1:1", "oidc.store.redis.password", "x",
                "oidc.store.redis.dev-mode-allow-plaintext", "true", "oidc.store.redis.timeout", "PT0.5S",
                "oidc.store.secret-pepper", TestServers.PEPPER));
        try {
            OidcStore store = bean(c, OidcStore.class);
            assertThat(store.unsafeSettings()).isEmpty();
            assertThat(store.transactional()).isFalse();
            SessionStore sessions = bean(c, SessionStore.class);
            assertThat(sessions).isNotNull();
            assertThatThrownBy(() -> sessions.find("x")).as("nothing listens on port 1")
                    .isInstanceOf(StoreUnavailableException.class);
        } finally {
            shutdown(c);
        }
    }
}
