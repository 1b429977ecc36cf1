package org.oidcstore.store.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.transaction.Status;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.memory.internal.MemoryAggregate;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.StoreTier;

/** {@link CompositeStores#builder()} on the real tiers (H2 JPA, memory): routing, delegation, validation. */
class CompositeBuilderTest {
    private JpaStore jpa;
    private MemoryAggregate memory;
    private Samples samples;

    @BeforeEach
    void tiers() {
        jpa = HotColdStores.durable();
        memory = HotColdStores.volatileTier();
        samples = new Samples(HotColdStores.clock());
    }

    @Test
    void withBindsOneKindWhateverTheTierItWouldBeRoutedTo() {
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory).with(StoreKind.SESSIONS, memory)
                .with(StoreKind.INTERACTIONS, jpa).build();
        assertThat(store.backend()).isEqualTo("composite");
        assertThat(store.kinds()).containsExactlyInAnyOrder(StoreKind.values());
        assertThat(store.routingTable().get(StoreKind.SESSIONS)).isEqualTo(new Route(StoreKind.SESSIONS,
                StoreTier.VOLATILE, "memory", "with(SESSIONS, store)"));
        assertThat(store.routingTable().get(StoreKind.INTERACTIONS)).isEqualTo(new Route(StoreKind.INTERACTIONS,
                StoreTier.DURABLE, "jpa", "with(INTERACTIONS, store)"));
        assertThat(store.routingTable().get(StoreKind.CONSUMED_JWT_IDS).reason()).isEqualTo("default tier");
        assertThat(store.sessionDurability()).as("derived from where sessions live").isEqualTo(SessionDurability.VOLATILE);
        assertThat(store.transactional()).isTrue();
    }

    @Test
    void byTierKindsAreRoutedAsInADeployment() {
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory)
                .config(Map.of("oidc.store.sessions.durability", "volatile", "unrelated.key", "x",
                        "oidc.store.secret-pepper", HotColdStores.PEPPER)).build();
        assertThat(store.routingTable().get(StoreKind.SESSIONS).backend()).isEqualTo("memory");
        assertThat(store.routingTable().get(StoreKind.PUSHED_AUTHORIZATION_REQUESTS).backend()).isEqualTo("memory");
        assertThat(store.routingTable().get(StoreKind.GRANTS).backend()).isEqualTo("jpa");
        assertThat(store.sessionDurability()).isEqualTo(SessionDurability.VOLATILE);
    }

    @Test
    void aMicroProfileConfigIsReadLikeADeploymentReadsIt() {
        var config = new io.smallrye.config.SmallRyeConfigBuilder().withSources(
                new io.smallrye.config.EnvConfigSource(Map.of("OIDC_STORE_SESSIONS_DURABILITY", "volatile",
                        "OIDC_STORE_ROUTE_PUSHED_AUTHORIZATION_REQUESTS", "durable",
                        "OIDC_STORE_SECRET_PEPPER", HotColdStores.PEPPER), 300)).build();
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory)
                .config(config.getPropertyNames(), k -> config.getOptionalValue(k, String.class)).build();
        assertThat(store.sessionDurability()).isEqualTo(SessionDurability.VOLATILE);
        assertThat(store.routingTable().get(StoreKind.PUSHED_AUTHORIZATION_REQUESTS).backend()).isEqualTo("jpa");
        var typo = new io.smallrye.config.SmallRyeConfigBuilder().withSources(new io.smallrye.config.EnvConfigSource(
                Map.of("OIDC_STORE_ROUTE_SESIONS", "volatile", "OIDC_STORE_SECRET_PEPPER", HotColdStores.PEPPER),
                300)).build();
        assertThatThrownBy(() -> CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory)
                .config(typo.getPropertyNames(), k -> typo.getOptionalValue(k, String.class)).build())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-2001")
                .hasMessageContaining("did you mean OIDC_STORE_ROUTE_SESSIONS?");
    }

    @Test
    void readsAndWritesOfAKindGoToExactlyOneBackend() {
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory).build();
        PushedAuthorizationRequest par = samples.par("client-a");
        store.pushedAuthorizationRequests().save(par);
        assertThat(memory.pushedAuthorizationRequests().find(par.requestUri())).isPresent();
        assertThat(jpa.pushedAuthorizationRequests().find(par.requestUri())).as("no fan-out").isEmpty();
        Session s = samples.session("g");
        store.sessions().save(s);
        assertThat(jpa.sessions().find(s.sessionId())).isPresent();
        assertThat(memory.sessions().find(s.sessionId())).isEmpty();
        jpa.sessions().delete(s.sessionId());
        assertThat(store.sessions().find(s.sessionId())).as("reads go where writes go").isEmpty();
    }

    @Test
    void inTransactionRunsOnTheAnchorAndExtensionsComeFromTheHostingBackend() throws Exception {
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory).build();
        assertThat(store.inTransaction(() -> status(jpa))).isEqualTo(Status.STATUS_ACTIVE);
        assertThat(status(jpa)).isEqualTo(Status.STATUS_NO_TRANSACTION);
        assertThat(store).isNotInstanceOf(ClientRegistry.class);
        assertThat(store.clientRegistry()).containsSame(jpa.clientRegistry().orElseThrow());
        assertThat(store.staticClientReconciler()).isPresent();
        assertThat(store.userRegistry()).isPresent();
        assertThat(store.interactionCompareAndSwap()).containsSame(memory.interactionCompareAndSwap().orElseThrow());
    }

    @Test
    void aReadOnlyClientsBackendOffersNoRegistryThroughTheComposite() {
        OidcStore ldap = FakeStore.of("ldap", false, EnumSet.of(StoreKind.CLIENTS));
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory).with(StoreKind.CLIENTS, ldap).build();
        assertThat(store.clientRegistry()).isEmpty();
        assertThat(store.staticClientReconciler()).isEmpty();
        assertThat(store.routingTable().get(StoreKind.CLIENTS).backend()).isEqualTo("ldap");
    }

    @Test
    void recordCountsComeFromTheBackendEachKindIsRoutedToOrNotAtAll() {
        OidcStore counting = FakeStore.counting("counting", true, EnumSet.allOf(StoreKind.class), 5);
        memory.pushedAuthorizationRequests().save(samples.par("client-a"));
        Map<StoreKind, Long> counts = store(counting).recordCounts();
        assertThat(counts).containsOnlyKeys(StoreKind.values());
        assertThat(counts.get(StoreKind.GRANTS)).isEqualTo(5);
        assertThat(counts.get(StoreKind.PUSHED_AUTHORIZATION_REQUESTS)).as("memory's count, not the fake's")
                .isEqualTo(1);
        assertThat(counts.get(StoreKind.INTERACTIONS)).isZero();
        assertThat(store(FakeStore.of("silent", true, EnumSet.allOf(StoreKind.class))).recordCounts())
                .as("a backend that does not count makes the composite not count").isEmpty();
    }

    private CompositeStore store(OidcStore durable) {
        return CompositeStores.builder().withTier(StoreTier.DURABLE, durable).withTier(StoreTier.VOLATILE, memory)
                .build();
    }

    @Test
    void anSqlOnlyCompositeNeedsTheDefaultRouteAndIsToldSo() {
        assertThatThrownBy(() -> CompositeStores.builder().withTier(StoreTier.DURABLE, jpa).build())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-2010")
                .hasMessageContaining("no store is given for the volatile tier")
                .hasMessageContaining("oidc.store.route.default=durable");
        CompositeStore store = CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .config(Map.of("oidc.store.route.default", "durable", "oidc.store.secret-pepper", HotColdStores.PEPPER))
                .build();
        assertThat(store.routingTable().values()).allMatch(r -> r.backend().equals("jpa"));
    }

    @Test
    void buildReportsEveryProblemAtOnce() {
        OidcStore secondJpa = FakeStore.of("jpa", true, EnumSet.allOf(StoreKind.class));
        OidcStore plainKv = FakeStore.of("kv", false, EnumSet.of(StoreKind.INTERACTIONS), "kv:// is plaintext.");
        assertThatThrownBy(() -> CompositeStores.builder().withTier(StoreTier.DURABLE, jpa)
                .withTier(StoreTier.VOLATILE, memory).with(StoreKind.REFRESH_TOKENS, secondJpa)
                .with(StoreKind.INTERACTIONS, plainKv).with(StoreKind.SESSIONS, memory)
                .sessionDurability(SessionDurability.DURABLE).build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("3 problem(s) in the oidc-store configuration:\nOIDCS-2030 ")
                .hasMessageContaining("refresh-tokens (with(REFRESH_TOKENS, store)) on 'jpa#2' (durable tier)")
                .hasMessageContaining("\nOIDCS-2050 the session durability posture durable contradicts"
                        + " with(SESSIONS, store)")
                .hasMessageContaining("\nOIDCS-2060 backend 'kv' (volatile tier) reports an unsafe setting");
    }

    @Test
    void aNonTransactionalAnchorIsRefused() {
        OidcStore kv = FakeStore.of("kv", false, EnumSet.allOf(StoreKind.class));
        assertThatThrownBy(() -> CompositeStores.builder().withTier(StoreTier.DURABLE, kv)
                .withTier(StoreTier.VOLATILE, memory).build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("1 problem(s) in the oidc-store configuration:\nOIDCS-2040 ")
                .hasMessageContaining("anchored on backend 'kv' (durable tier)")
                .hasMessageContaining("give the cluster kinds a transactional store");
    }

    private static int status(JpaStore jpa) {
        try {
            return jpa.transactionManager().getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
