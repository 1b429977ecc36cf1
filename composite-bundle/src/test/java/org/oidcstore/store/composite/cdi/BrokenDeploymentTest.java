package org.oidcstore.store.composite.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;

/**
 * One small deployment per broken scenario: the deployment fails with the problem ids in rule
 * order, and no backend bean is ever created to find out (the test backends' producers refuse).
 */
class BrokenDeploymentTest {

    @BeforeEach
    @AfterEach
    void noBackendCreated() {
        assertThat(Refuse.calls()).as("backend beans created").isEmpty();
        Refuse.reset();
    }

    @Test
    void aSplitClusterFailsTheDeployment() {
        assertThat(Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class)
                .with("oidc.store.route.refresh-tokens", "volatile").failingIds())
                .containsExactly("OIDCS-2020", "OIDCS-2030");
    }

    @Test
    void aKindRoutedToATierWithoutBackendFailsTheDeployment() {
        assertThat(Deployment.of(TxDurableBackend.class).failingIds()).containsExactly("OIDCS-2010");
    }

    @Test
    void aBackendThatDoesNotHostARoutedKindFailsTheDeployment() {
        assertThat(Deployment.of(PartialDurableBackend.class, MemoryStoreProducer.class).failingIds())
                .containsExactly("OIDCS-2020");
    }

    @Test
    void aClusterAnchorThatIsNotTransactionalFailsTheDeployment() {
        assertThat(Deployment.of(NonTxDurableBackend.class, MemoryStoreProducer.class).failingIds())
                .containsExactly("OIDCS-2040");
    }

    @Test
    void aPostureContradictingTheSessionsRouteFailsTheDeployment() {
        assertThat(Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class)
                .with("oidc.store.sessions.durability", "volatile").with("oidc.store.route.sessions", "durable")
                .failingIds()).containsExactly("OIDCS-2050");
    }

    @Test
    void unsafeVolatileEngineSettingsFailTheDeploymentUnlessAcknowledged() {
        assertThat(Deployment.of(TxDurableBackend.class, PlainKvBackend.class)
                .with("test.plainkv.uri", "kv://127.0.0.1:1").failingIds()).containsExactly("OIDCS-2060");
        try (Deployment d = Deployment.of(TxDurableBackend.class, PlainKvBackend.class)
                .with("test.plainkv.uri", "kv://127.0.0.1:1").with("test.plainkv.dev-mode-allow-plaintext", "true")) {
            SeContainer c = d.start();
            assertThat(c.select(CompositeStore.class).get().routingTable().get(StoreKind.INTERACTIONS).backend())
                    .isEqualTo("plainkv");
        }
    }

    /**
     * The one problem found before the container's own validation (which would otherwise fail first
     * on the backends' ambiguous qualified injection points), hence a definition error.
     */
    @Test
    void twoVolatileBackendsFailTheDeployment() {
        RuntimeException e = Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class, PlainKvBackend.class)
                .failure();
        assertThat(e).isInstanceOf(DefinitionException.class);
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2070");
        assertThat(e.getMessage()).contains("2 backends are present for the volatile tier: 'memory' (")
                .contains("'plainkv' (" + PlainKvBackend.class.getName() + ")");
    }

    @Test
    void anUnknownKindNameFailsTheDeployment() {
        assertThat(Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class)
                .with("oidc.store.route.sesions", "volatile").failingIds()).containsExactly("OIDCS-2001");
    }

    @Test
    void staticClientsWithAReadOnlyClientsBackendFailTheDeployment() {
        assertThat(Deployment.of(ReadOnlyClientsBackend.class, MemoryStoreProducer.class)
                .with("oidc.store.static-clients.web.redirect-uris", "https://app.example/cb")
                .with("oidc.store.static-clients.web.public", "true").failingIds()).containsExactly("OIDCS-2111");
    }

    @Test
    void aBackendOfferingOneTypeThroughTwoBeansFailsTheDeployment() {
        assertThat(Deployment.of(AmbiguousClientsBackend.class, MemoryStoreProducer.class).failingIds())
                .containsExactly("OIDCS-2071");
    }

    @Test
    void invalidStaticClientsAndPepperFailTheDeployment() {
        assertThat(Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class)
                .with("oidc.store.static-clients.web.redirect-uri", "https://app.example/cb")
                .with("oidc.store.static-clients.app.public", "true")
                .with("oidc.store.secret-pepper", "c2hvcnQ=").failingIds())
                .containsExactly("OIDCS-1010", "OIDCS-2110", "OIDCS-2110");
    }

    @Test
    void everyProblemOfOneDeploymentIsReportedInRuleOrder() {
        RuntimeException e = Deployment.of(NonTxDurableBackend.class, PlainKvBackend.class)
                .with("oidc.store.route.sesions", "volatile").with("oidc.store.sessions.durability", "volatile")
                .with("oidc.store.route.sessions", "durable").with("test.plainkv.uri", "kv://127.0.0.1:1")
                .with("oidc.store.static-clients.web.public", "yes").failure();
        assertThat(e).isInstanceOf(DeploymentException.class);
        // 'yes' is no boolean; read as not public, the client then lacks a credential and redirect URIs
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2001", "OIDCS-2040", "OIDCS-2050",
                "OIDCS-2060", "OIDCS-2110", "OIDCS-2110", "OIDCS-2110");
        assertThat(e.getMessage()).contains("oidc.store.route.sesions").contains("'nontx' (durable tier)")
                .contains("test.plainkv.uri uses kv://").contains("oidc.store.static-clients.web.public must be true");
    }

    @Test
    void severalBackendsOnATierAreReportedWithEveryOtherProblem() {
        RuntimeException e = Deployment.of(NonTxDurableBackend.class, MemoryStoreProducer.class,
                PlainKvBackend.class).with("oidc.store.route.sesions", "volatile")
                .with("test.plainkv.uri", "kv://127.0.0.1:1").failure();
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2001", "OIDCS-2040", "OIDCS-2060",
                "OIDCS-2070");
    }

    @Test
    void aValidDeploymentCreatesNoBackendUntilAKindIsUsed() {
        try (Deployment d = Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class)) {
            SeContainer c = d.start();
            OidcStore store = c.select(OidcStore.class).get();
            assertThat(store.backend()).isEqualTo("composite");
            assertThat(store.transactional()).as("the anchor's @BackendInfo").isTrue();
            assertThat(store.kinds()).containsExactlyInAnyOrder(StoreKind.values());
            assertThat(Refuse.calls()).isEmpty();
            assertThatThrownBy(() -> store.grants().find("g")).rootCause().isInstanceOf(AssertionError.class)
                    .hasMessageContaining("tx-durable");
            assertThat(Refuse.calls()).as("first use creates the routed backend").isNotEmpty();
            Refuse.reset();
        }
    }

}
