package org.oidcstore.store.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Client;
import org.oidcstore.store.StaticClientReconciler.ReconcileReport;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.tck.HotColdStores;
import org.oidcstore.store.spi.ClientSecrets;
import org.oidcstore.store.tier.StoreTier;

/** Static clients seeded through the composite into the H2 JPA tier, all or nothing. */
class StaticClientSeederTest {
    private static final String RAW = "correct-horse-battery-staple-42";
    private CompositeStore store;

    @BeforeEach
    void composite() {
        store = CompositeStores.builder().withTier(StoreTier.DURABLE, HotColdStores.durable())
                .withTier(StoreTier.VOLATILE, HotColdStores.volatileTier()).build();
    }

    private static Map<String, String> web(String secret) {
        return Map.of("oidc.store.static-clients.web.redirect-uris", "https://app.example/cb",
                "oidc.store.static-clients.web.secret", secret);
    }

    @Test
    void aRawSecretIsHashedAtSeedingAndASecondStartReusesTheStoredHash() {
        assertThat(CompositeStores.seedStaticClients(store, CompositeStores.staticClients(web(RAW))))
                .isEqualTo(new ReconcileReport(1, 0));
        Client stored = store.clients().find("web").orElseThrow();
        assertThat(ClientSecrets.verify(RAW, stored.secretHash())).isTrue();
        assertThat(HotColdStores.rows()).noneMatch(r -> r.contains(RAW));

        // the next start parses the same raw secret again; a fresh random salt would conflict
        assertThat(CompositeStores.seedStaticClients(store, CompositeStores.staticClients(web(RAW))))
                .isEqualTo(new ReconcileReport(0, 1));
        assertThat(store.clients().find("web").orElseThrow().secretHash()).isEqualTo(stored.secretHash());
    }

    @Test
    void aChangedDeclarationFailsWithTheClientIdAndWritesNothing() {
        CompositeStores.seedStaticClients(store, CompositeStores.staticClients(web(RAW)));
        Map<String, String> changed = new java.util.HashMap<>(web("another-secret-entirely-99"));
        changed.put("oidc.store.static-clients.api.public", "true");
        changed.put("oidc.store.static-clients.api.redirect-uris", "https://api.example/cb");
        assertThatThrownBy(() -> CompositeStores.seedStaticClients(store, CompositeStores.staticClients(changed)))
                .isInstanceOf(StoreConfigurationException.class).hasMessageStartingWith("OIDCS-2112 ")
                .hasMessageContaining("web").hasMessageNotContaining("another-secret-entirely-99")
                .hasMessageNotContaining(RAW);
        assertThat(store.clients().find("api")).as("all or nothing").isEmpty();
        assertThat(ClientSecrets.verify(RAW, store.clients().find("web").orElseThrow().secretHash())).isTrue();
    }

    @Test
    void hashedDeclarationsAndDuplicates() {
        String hash = ClientSecrets.hash(RAW);
        Client c = Client.builder("svc").secretHash(hash).grantTypes(List.of("client_credentials"))
                .source(org.oidcstore.store.ClientSource.STATIC).build();
        assertThat(CompositeStores.seedStaticClients(store, List.of(StaticClientDeclaration.of(c))))
                .isEqualTo(new ReconcileReport(1, 0));
        assertThat(store.clients().find("svc")).contains(c);
        assertThatThrownBy(() -> CompositeStores.seedStaticClients(store, List.of(StaticClientDeclaration.of(c),
                StaticClientDeclaration.of(c)))).isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("OIDCS-2113 ").hasMessageContaining("svc");
    }

    @Test
    void aReadOnlyClientsBackendCannotBeSeeded() {
        CompositeStore readOnly = CompositeStores.builder().withTier(StoreTier.DURABLE, HotColdStores.durable())
                .withTier(StoreTier.VOLATILE, HotColdStores.volatileTier())
                .with(StoreKind.CLIENTS, FakeStore.of("ldap", false, EnumSet.of(StoreKind.CLIENTS))).build();
        assertThatThrownBy(() -> CompositeStores.seedStaticClients(readOnly, CompositeStores.staticClients(web(RAW))))
                .isInstanceOf(StoreConfigurationException.class).hasMessageStartingWith("OIDCS-2111 ")
                .hasMessageContaining("web");
    }

    @Test
    void invalidDeclarationsAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> CompositeStores.staticClients(Map.of("oidc.store.static-clients.web.secret", RAW)))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-2110")
                .hasMessageContaining("no redirect URI").hasMessageNotContaining(RAW);
    }
}
