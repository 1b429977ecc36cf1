package org.oidcstore.store.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.internal.Backends;
import org.oidcstore.store.tier.StoreTier;

/**
 * A backend the builder creates from its own configuration ({@code withTier(tier, backend, factory)},
 * as the OSGi service does): the configuration is judged first, as a deployment judges it, with the
 * backend's {@code ConfigSafetyCheck} (the test check {@code PlainKvSafetyCheck}); the factory runs
 * only when nothing is wrong.
 */
class BackendFactoryTest {
    private static final String PEPPER = "Y29tcG9zaXRlLXRlc3QtcGVwcGVyLTAxMjM0NTY3ODlhYmNkZWY=";
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A closeable plainkv backend hosting the volatile kinds, counting its creations. */
    private Supplier<OidcStore> factory() {
        return () -> {
            created.incrementAndGet();
            OidcStore fake = FakeStore.of("plainkv", false, Backends.VOLATILE_KINDS);
            return (OidcStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {OidcStore.class, AutoCloseable.class}, (p, m, a) -> {
                        if (m.getName().equals("close")) {
                            closed.set(true);
                            return null;
                        }
                        return m.invoke(fake, a);
                    });
        };
    }

    private CompositeStores.Builder builder(Map<String, String> config) {
        return CompositeStores.builder().withTier(StoreTier.VOLATILE, "plainkv", factory()).config(config);
    }

    @Test
    void aSoundConfigurationCreatesTheBackendOnce() {
        CompositeStore store = builder(Map.of("test.plainkv.uri", "kvs://127.0.0.1:1", "oidc.store.kinds",
                "interactions,consumed-jwt-ids", "oidc.store.secret-pepper", PEPPER)).build();
        assertThat(created).hasValue(1);
        assertThat(store.routingTable().get(StoreKind.INTERACTIONS).backend()).isEqualTo("plainkv");
    }

    @Test
    void theBackendsCheckJudgesTheConfigurationBeforeTheBackendIsCreated() {
        assertThatThrownBy(() -> builder(Map.of("test.plainkv.uri", "http://127.0.0.1:1", "oidc.store.kinds",
                "interactions", "oidc.store.secret-pepper", PEPPER)).build())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("\nOIDCS-9902 ");
        assertThatThrownBy(() -> builder(Map.of("test.plainkv.uri", "kv://127.0.0.1:1", "oidc.store.kinds",
                "interactions", "oidc.store.route.sesions", "volatile")).build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("3 problem(s) in the oidc-store configuration:\nOIDCS-2001 ")
                .hasMessageContaining("\nOIDCS-2060 backend 'plainkv' (volatile tier) reports an unsafe setting:"
                        + " test.plainkv.uri uses kv://")
                .hasMessageContaining("\nOIDCS-2061 ");
        assertThat(created).as("never created from a configuration with problems").hasValue(0);
    }

    @Test
    void aRoutingRefusedBeforeCreationCreatesNothing() {
        assertThatThrownBy(() -> builder(Map.of("test.plainkv.uri", "kvs://127.0.0.1:1",
                "oidc.store.secret-pepper", PEPPER)).build())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-2010");
        assertThat(created).as("no durable backend: refused from the configuration alone").hasValue(0);
    }

    @Test
    void aCreatedBackendIsClosedWhenWhatOnlyItCanTellRefusesTheRouting() {
        assertThatThrownBy(() -> builder(Map.of("test.plainkv.uri", "kvs://127.0.0.1:1", "oidc.store.kinds",
                "interactions,users", "oidc.store.route.users", "volatile", "oidc.store.secret-pepper", PEPPER))
                .build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-2020 backend 'plainkv' (volatile tier) does not host users");
        assertThat(created).hasValue(1);
        assertThat(closed).as("the backend the builder created").isTrue();
    }

    @Test
    void aFactoryCreatingAnotherBackendThanNamedIsAProgrammingError() {
        // a name no ConfigSafetyCheck answers for (the Redis bundle's check would judge "redis")
        assertThatThrownBy(() -> CompositeStores.builder().withTier(StoreTier.VOLATILE, "otherkv", factory())
                .config(Map.of("oidc.store.kinds", "interactions", "oidc.store.secret-pepper", PEPPER)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'otherkv'")
                .hasMessageContaining("'plainkv'");
        assertThat(closed).isTrue();
    }

    @Test
    void defaultKindsApplyWhenTheConfigurationListsNoneAndAVolatilePostureAddsSessions() {
        EnumSet<StoreKind> defaults = EnumSet.of(StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS);
        assertThat(builder(Map.of("test.plainkv.uri", "kvs://h:1", "oidc.store.secret-pepper", PEPPER))
                .defaultKinds(defaults).build().kinds()).containsExactlyInAnyOrderElementsOf(defaults);
        assertThat(builder(Map.of("test.plainkv.uri", "kvs://h:1", "oidc.store.secret-pepper", PEPPER,
                "OIDC_STORE_SESSIONS_DURABILITY", "volatile")).defaultKinds(defaults).build().kinds())
                .containsExactlyInAnyOrder(StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS, StoreKind.SESSIONS);
        assertThat(builder(Map.of("test.plainkv.uri", "kvs://h:1", "oidc.store.secret-pepper", PEPPER,
                "oidc.store.kinds", "pushed-authorization-requests")).defaultKinds(defaults).build().kinds())
                .containsExactly(StoreKind.PUSHED_AUTHORIZATION_REQUESTS);
    }
}
