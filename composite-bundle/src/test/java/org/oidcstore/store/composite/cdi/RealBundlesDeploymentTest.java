package org.oidcstore.store.composite.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.spi.DefinitionException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.jpa.internal.cdi.JpaStoreProducer;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.redis.internal.RedisStoreProducer;
import org.oidcstore.store.tier.StoreTier;

/**
 * The real backend bundles (their producers and the Redis bundle's own ConfigSafetyCheck) in broken
 * and valid deployments. The Redis URI points at a port where nothing listens: validation must
 * never connect, so these deployments need no Redis server.
 */
class RealBundlesDeploymentTest {
    private static final String NOWHERE = "127.0.0.1:1";

    private static Deployment deployment(Class<?>... volatileBundles) {
        Class<?>[] beans = new Class<?>[volatileBundles.length + 1];
        beans[0] = JpaStoreProducer.class;
        System.arraycopy(volatileBundles, 0, beans, 1, volatileBundles.length);
        return Deployment.of(beans)
                .with("oidc.store.jpa.url", "jdbc:h2:mem:real-bundles;DB_CLOSE_DELAY=-1").with("oidc.store.jpa.user", "sa");
    }

    @Test
    void theJpaBundlesCheckRefusesADeploymentWithoutADatabaseFromConfigurationAlone() {
        RuntimeException e = Deployment.of(JpaStoreProducer.class, MemoryStoreProducer.class).failure();
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-1201");
        assertThat(e.getMessage()).contains("oidc.store.jpa.url").contains("oidc.store.jpa.datasource");
    }

    @Test
    void anUnpepperedJpaTierIsReportedOnceAsTheSharedSetting() {
        RuntimeException e = deployment(MemoryStoreProducer.class).without(Deployment.PEPPER_KEY).failure();
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2061");
        try (Deployment d = deployment(MemoryStoreProducer.class).without(Deployment.PEPPER_KEY)
                .with("oidc.store.dev-mode-allow-unpeppered-digests", "true")) {
            assertThat(d.start().select(CompositeStore.class).get().routingTable().get(StoreKind.GRANTS).backend())
                    .isEqualTo("jpa");
        }
    }

    @Test
    void deployingTheMemoryAndTheRedisBundleTogetherIsReportedAsSuch() {
        RuntimeException e = deployment(MemoryStoreProducer.class, RedisStoreProducer.class)
                .with("oidc.store.redis.uri", "rediss://" + NOWHERE).with("oidc.store.redis.password", "x").failure();
        assertThat(e).isInstanceOf(DefinitionException.class);
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2070");
        assertThat(e.getMessage()).contains("'memory' (" + MemoryStoreProducer.class.getName() + "), 'redis' ("
                + RedisStoreProducer.class.getName() + ")");
    }

    /**
     * The memory bundle's ConfigSafetyCheck: what the tier would refuse at its first use fails the
     * deployment, as the OSGi service fails its activation, the retired key included.
     */
    @Test
    void memorySettingsTheTierWouldRefuseFailTheDeployment() {
        RuntimeException e = deployment(MemoryStoreProducer.class).with("oidc.store.memory.capacity", "0")
                .with("oidc.store.memory.max-value-bytes", "64k").with("oidc.store.memory.max-state-bytes", "4096")
                .failure();
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-1101", "OIDCS-1104", "OIDCS-1105");
        String reported = e.getMessage() + java.util.Arrays.stream(e.getSuppressed()).map(Throwable::getMessage)
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(reported).contains("oidc.store.memory.max-value-bytes").doesNotContain("64k");
    }

    @Test
    void plaintextRedisWithoutAuthIsRefusedFromConfigurationAlone() {
        RuntimeException e = deployment(RedisStoreProducer.class).with("oidc.store.redis.uri", "redis://" + NOWHERE)
                .failure();
        // the unsafe settings (plaintext, no AUTH), then what the Redis check finds the start would refuse
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2060", "OIDCS-2060", "OIDCS-1404", "OIDCS-1405");
        assertThat(e.getMessage()).contains("backend 'redis' (volatile tier) reports an unsafe setting")
                .contains("oidc.store.redis.dev-mode-allow-plaintext");
    }

    @Test
    void acknowledgedDevModeDeploysWithoutConnecting() {
        try (Deployment d = deployment(RedisStoreProducer.class).with("oidc.store.redis.uri", "redis://" + NOWHERE)
                .with("oidc.store.redis.dev-mode-allow-plaintext", "true")
                .with("oidc.store.redis.dev-mode-allow-no-auth", "true")) {
            SeContainer c = d.start();
            CompositeStore store = c.select(CompositeStore.class).get();
            assertThat(store.routingTable().get(StoreKind.CONSUMED_JWT_IDS).backend()).isEqualTo("redis");
            assertThat(store.routingTable().get(StoreKind.SESSIONS).backend()).isEqualTo("jpa");
        }
    }

    @Test
    void sentinelsWithoutAuthAreRefusedAtDeploymentFromConfigurationAlone() {
        RuntimeException e = deployment(RedisStoreProducer.class)
                .with("oidc.store.redis.sentinel.master", "m").with("oidc.store.redis.sentinel.nodes", "rediss://" + NOWHERE)
                .with("oidc.store.redis.password", "x").failure();
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2060", "OIDCS-1417");
        assertThat(e.getMessage()).contains("OIDCS-1462").contains("oidc.store.redis.sentinel.password")
                .contains("oidc.store.redis.dev-mode-allow-no-auth");
    }

    /**
     * The durable-only kinds of dynamic registration routed to a volatile bundle: the validator knows
     * from each bundle's kinds table that memory and Redis do not host them, and refuses the
     * deployment with one clear problem per bundle naming each kind, its route and the fix, without
     * starting anything (no crash at first use).
     */
    @Test
    void registrationKindsRoutedToAVolatileBundleAreRefusedNamingEachKindAndItsRoute() {
        List<StoreKind> durableOnly = List.of(StoreKind.INITIAL_ACCESS_TOKENS, StoreKind.REGISTRATION_ACCESS_TOKENS,
                StoreKind.PROVIDER_METADATA);
        Deployment memory = deployment(MemoryStoreProducer.class);
        Deployment redis = deployment(RedisStoreProducer.class).with("oidc.store.redis.uri", "redis://" + NOWHERE)
                .with("oidc.store.redis.dev-mode-allow-plaintext", "true")
                .with("oidc.store.redis.dev-mode-allow-no-auth", "true");
        for (Deployment d : List.of(memory, redis)) {
            for (StoreKind k : durableOnly) {
                d = d.with("oidc.store.route." + k.configName(), "volatile");
            }
            RuntimeException e = d.failure();
            assertThat(e).isInstanceOf(jakarta.enterprise.inject.spi.DeploymentException.class);
            assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2020");
            for (StoreKind k : durableOnly) {
                assertThat(e.getMessage()).contains(k.configName() + " (oidc.store.route." + k.configName() + "=volatile)")
                        .contains("deploy a volatile backend that hosts " + k.configName());
            }
            assertThat(e.getMessage()).contains("(volatile tier) does not host").contains("backend 'jpa' hosts it");
        }
    }

    @Test
    void theBuilderRefusesSentinelsWithoutAuthAsTheDeploymentDoes() {
        RedisSettings open = RedisSettings.builder().sentinel("m", List.of(URI.create("rediss://" + NOWHERE)))
                .password("x").build();
        try (RedisStore redis = RedisStores.openAtFirstUse(open, Clock.systemUTC())) {
            assertThatThrownBy(() -> CompositeStores.builder().withTier(StoreTier.DURABLE, HotColdStores.durable())
                    .withTier(StoreTier.VOLATILE, redis).build())
                    .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-2060")
                    .hasMessageContaining("OIDCS-1462");
        }
    }
}
