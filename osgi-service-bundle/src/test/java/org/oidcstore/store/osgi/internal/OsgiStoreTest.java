package org.oidcstore.store.osgi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.StoreTier;

/**
 * The service's composite from a Configuration Admin dictionary, without a framework: defaults,
 * the kinds and posture, validation with the backends' own message ids, and service properties
 * that never carry a secret. (The OSGi wiring itself is tested in Karaf: features/.)
 */
class OsgiStoreTest {
    static final String PEPPER = "b2lkYy1zdG9yZSBpdCB0ZXN0IHBlcHBlciAzMiBieXRlcyE=";
    private final MutableClock clock = MutableClock.startingNow();

    /** A configuration with a pepper and {@code keyValues} on top. */
    static Map<String, Object> peppered(Object... keyValues) {
        Map<String, Object> c = new HashMap<>();
        c.put("oidc.store.secret-pepper", PEPPER);
        for (int i = 0; i < keyValues.length; i += 2) {
            c.put((String) keyValues[i], keyValues[i + 1]);
        }
        return c;
    }
    private final Samples samples = new Samples(clock);

    @Test
    void byDefaultTheMemoryTierHostsTheAlwaysVolatileKinds() {
        try (OsgiStore s = OsgiStore.build(peppered(), clock)) {
            assertThat(s.composite().kinds()).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(StoreKind.values()).filter(k -> k.defaultTier() == StoreTier.VOLATILE).toList());
            assertThat(s.composite().kinds()).contains(StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS,
                    StoreKind.PUSHED_AUTHORIZATION_REQUESTS, StoreKind.DEVICE_AUTHORIZATIONS, StoreKind.CIBA_REQUESTS);
            assertThat(s.composite().routingTable().get(StoreKind.CONSUMED_JWT_IDS).backend()).isEqualTo("memory");
            s.composite().consumedJwtIds().mark("jti-1", clock.instant().plus(Duration.ofMinutes(5)));
            assertThatThrownBy(() -> s.composite().consumedJwtIds().mark("jti-1", clock.instant().plusSeconds(60)))
                    .isInstanceOf(AlreadyConsumedException.class);
            PushedAuthorizationRequest par = samples.par("client-a");
            s.composite().pushedAuthorizationRequests().save(par);
            assertThat(s.composite().pushedAuthorizationRequests().consume(par.requestUri())).isPresent();
            assertThatThrownBy(s.composite()::grants).isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("OIDCS-1002");
        }
    }

    @Test
    void aVolatilePostureAddsSessionsAndAnExplicitListWins() {
        try (OsgiStore s = OsgiStore.build(peppered("oidc.store.sessions.durability", "volatile"), clock)) {
            assertThat(s.composite().kinds()).contains(StoreKind.SESSIONS);
            assertThat(s.composite().sessionDurability()).isEqualTo(SessionDurability.VOLATILE);
        }
        try (OsgiStore s = OsgiStore.build(peppered("oidc.store.kinds", "consumed-jwt-ids"), clock)) {
            assertThat(s.composite().kinds()).containsExactly(StoreKind.CONSUMED_JWT_IDS);
        }
    }

    /**
     * The memory tier gets the shared settings as the composite read them, the JWT-ID clock-skew
     * allowance included: with 5 minutes, a marker that expired 4 minutes ago by this clock survives
     * the sweeps of later writes (with the default 60 s it would be reclaimed).
     */
    @Test
    void theMemoryTierKeepsMarkersForTheConfiguredClockSkew() {
        try (OsgiStore s = OsgiStore.build(peppered("oidc.store.jwt-id-clock-skew", "PT5M"), clock)) {
            var jtis = s.composite().consumedJwtIds();
            java.time.Instant exp = clock.now().plusSeconds(30);
            jtis.mark("jti-skew", exp);
            clock.set(exp.plus(Duration.ofMinutes(4)));
            for (int i = 0; i < 3; i++) {
                jtis.mark("jti-later-" + i, clock.now().plusSeconds(60)); // each write sweeps
            }
            clock.set(exp.minusSeconds(1)); // a node whose clock lags
            assertThat(jtis.isMarked("jti-skew")).isTrue();
        }
    }

    @Test
    void configurationAdminValuesOfAnyTypeAreRead() {
        Map<String, Object> props = peppered();
        props.put("oidc.store.kinds", new String[] {"consumed-jwt-ids", "interactions"});
        props.put("oidc.store.memory.capacity", 10);
        props.put("service.pid", "org.oidcstore.store");
        props.put("felix.fileinstall.filename", "file:/etc/org.oidcstore.store.cfg");
        try (OsgiStore s = OsgiStore.build(props, clock)) {
            assertThat(s.composite().kinds()).containsExactlyInAnyOrder(StoreKind.CONSUMED_JWT_IDS,
                    StoreKind.INTERACTIONS);
        }
        assertThat(OsgiStore.strings(props)).doesNotContainKeys("service.pid", "felix.fileinstall.filename")
                .containsEntry("oidc.store.kinds", "consumed-jwt-ids,interactions")
                .containsEntry("oidc.store.memory.capacity", "10");
    }

    @Test
    void problemsCarryTheIdsOfTheModuleThatFindsThem() {
        assertThatThrownBy(() -> OsgiStore.build(peppered("oidc.store.volatile-backend", "hazelcast"), clock))
                .isInstanceOf(StoreConfigurationException.class).hasMessageStartingWith("OIDCS-2120");
        assertThatThrownBy(() -> OsgiStore.build(peppered("oidc.store.memory.capacity", "0"), clock))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1101");
        assertThatThrownBy(() -> OsgiStore.build(peppered("oidc.store.kinds", "consumed-jwt-ids,grants"), clock))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-2010");
        assertThatThrownBy(() -> OsgiStore.build(Map.of("oidc.store.secret-pepper", "c2hvcnQ="), clock))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1010");
        // Redis: validated at activation without connecting (nothing listens on this port); the
        // settings the backend refuses are reported with the composite's judgement of the rest
        assertThatThrownBy(() -> OsgiStore.build(peppered("oidc.store.volatile-backend", "redis",
                "oidc.store.redis.uri", "rediss://127.0.0.1:1", "oidc.store.redis.key-prefix", "no-colon"), clock))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1405")
                .hasMessageContaining("OIDCS-1411");
        // an unsafe setting is reported as a deployment reports it: OIDCS-2060, naming the backend
        assertThatThrownBy(() -> OsgiStore.build(peppered("oidc.store.volatile-backend", "redis",
                "oidc.store.redis.uri", "redis://127.0.0.1:1", "oidc.store.redis.password", "x",
                "oidc.store.redis.dev-mode-allow-plaintext", "false"), clock))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-2060 backend 'redis' (volatile tier) reports an unsafe setting");
    }

    @Test
    void withoutAPepperTheServiceDoesNotStartUnlessAcknowledged() {
        assertThatThrownBy(() -> OsgiStore.build(Map.of(), clock)).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-2061 ").hasMessageContaining("oidc.store.dev-mode-allow-unpeppered-digests");
        List<String> warnings = new java.util.ArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger builder = java.util.logging.Logger.getLogger(CompositeStore.class.getName());
        builder.addHandler(h);
        try (OsgiStore s = OsgiStore.build(Map.of("oidc.store.dev-mode-allow-unpeppered-digests", "true"), clock)) {
            assertThat(s.composite().kinds()).contains(StoreKind.CONSUMED_JWT_IDS);
        } finally {
            builder.removeHandler(h);
        }
        assertThat(warnings).as("warned once, at activation").hasSize(1)
                .allMatch(w -> w.startsWith("OIDCS-2062 ") && w.contains("dev-mode-allow-unpeppered-digests"));
    }

    @Test
    void environmentSpellingsOfTheCompositesKeysAreReadAsEverywhereElse() {
        try (OsgiStore s = OsgiStore.build(peppered("OIDC_STORE_SESSIONS_DURABILITY", "volatile"), clock)) {
            assertThat(s.composite().kinds()).contains(StoreKind.SESSIONS);
            assertThat(s.composite().sessionDurability()).isEqualTo(SessionDurability.VOLATILE);
        }
        try (OsgiStore s = OsgiStore.build(peppered("OIDC_STORE_KINDS", "interactions"), clock)) {
            assertThat(s.composite().kinds()).containsExactly(StoreKind.INTERACTIONS);
        }
    }

    @Test
    void theServicePropertiesNeverCarryACredential() {
        try (OsgiStore s = OsgiStore.build(Map.of("oidc.store.volatile-backend", "redis", "oidc.store.redis.uri",
                "rediss://127.0.0.1:1", "oidc.store.redis.user", "app", "oidc.store.redis.password", "s3cret-pw",
                "oidc.store.secret-pepper", "b2lkYy1zdG9yZSBpdCB0ZXN0IHBlcHBlciAzMiBieXRlcyE="), clock)) {
            List<String> keys = Collections.list(s.serviceProperties().keys());
            assertThat(keys).containsExactlyInAnyOrder("oidc.store.volatile-backend", "oidc.store.kinds",
                    "oidc.store.sessions.durability", "oidc.store.durable-backend");
            assertThat(String.valueOf(Collections.list(s.serviceProperties().elements()))).doesNotContain("s3cret")
                    .doesNotContain("b2lkYy");
            assertThat(s.composite().routingTable().get(StoreKind.CONSUMED_JWT_IDS).backend()).isEqualTo("redis");
        }
    }

    @Test
    void theBackendsReadTheEnvironmentSpellingsOfTheirKeysToo() {
        // the composite judges OIDC_STORE_SECRET_PEPPER as the pepper: the memory tier must digest with it
        assertThatThrownBy(() -> OsgiStore.build(Map.of("OIDC_STORE_SECRET_PEPPER", PEPPER,
                "OIDC_STORE_MEMORY_CAPACITY", "0"), clock)).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1101");
        DictionaryConfig c = new DictionaryConfig(Map.of("OIDC_STORE_SECRET_PEPPER", PEPPER, "a.b", "exact",
                "A_B", "mapped"));
        assertThat(c.getOptionalValue("oidc.store.secret-pepper", String.class)).contains(PEPPER);
        assertThat(c.getValue("a.b", String.class)).as("the exact name first").isEqualTo("exact");
    }

    @Test
    void theConfigAdapterFollowsMicroProfileSemantics() {
        DictionaryConfig c = new DictionaryConfig(Map.of("a", "", "b", " 12 ", "d", "PT2S", "t", "true"));
        assertThat(c.getOptionalValue("a", String.class)).isEmpty();
        assertThat(c.getValue("b", Integer.class)).isEqualTo(12);
        assertThat(c.getValue("d", Duration.class)).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.getValue("t", Boolean.class)).isTrue();
        assertThat(c.getConfigValue("b").getSourceName()).isEqualTo("Configuration Admin");
        assertThatThrownBy(() -> c.getValue("missing", String.class)).isInstanceOf(java.util.NoSuchElementException.class);
        assertThatThrownBy(() -> c.getValue("d", Integer.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("PT2S");
    }
}
