package org.oidcstore.store.composite.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.se.SeContainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.LogCapture;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;

/**
 * What a deployment says about its safety before the first request: no pepper is unsafe
 * (OIDCS-2061), acknowledged risks are warned once (OIDCS-2062), the configuration problems the
 * backends' checks find fail it, misspelt keys of the composite fail it (OIDCS-2007) — and a refused
 * deployment shows each problem once. No backend bean is created to find any of this.
 */
class DeploymentSafetyTest {
    private static final String EXTENSION_LOGGER = "org.oidcstore.store.composite.internal.StoreRoutingExtension";
    private static final String UNPEPPERED_FLAG = "oidc.store.dev-mode-allow-unpeppered-digests";

    @BeforeEach
    @AfterEach
    void noBackendCreated() {
        assertThat(Refuse.calls()).as("backend beans created").isEmpty();
        Refuse.reset();
    }

    @Test
    void withoutAPepperTheDeploymentFailsAsUnsafe() {
        RuntimeException e = Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class)
                .without(Deployment.PEPPER_KEY).failure();
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2061");
        assertThat(e.getMessage()).contains("no oidc.store.secret-pepper is set")
                .contains(UNPEPPERED_FLAG + "=true");
    }

    @Test
    void theUnpepperedAcknowledgementDeploysAndIsWarnedOnceAtDeployment() {
        try (LogCapture log = LogCapture.of(EXTENSION_LOGGER);
                Deployment d = Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class)
                        .without(Deployment.PEPPER_KEY).with(UNPEPPERED_FLAG, "true")) {
            SeContainer c = d.start();
            assertThat(c.select(CompositeStore.class).get().routingTable()).hasSize(StoreKind.values().length);
            List<String> warnings = log.messages(Level.WARNING);
            assertThat(warnings).filteredOn(w -> w.contains(UNPEPPERED_FLAG)).hasSize(1)
                    .allMatch(w -> w.startsWith("OIDCS-2062 "));
        }
    }

    @Test
    void theRisksTheDeployedBackendsAcknowledgeAreWarnedOnceAndNoOthers() {
        try (LogCapture log = LogCapture.of(EXTENSION_LOGGER);
                Deployment d = Deployment.of(TxDurableBackend.class, PlainKvBackend.class)
                        .with(PlainKvSafetyCheck.URI, "kv://127.0.0.1:1").with(PlainKvSafetyCheck.DEV, "true")) {
            SeContainer c = d.start();
            assertThat(c.select(CompositeStore.class).get().routingTable().get(StoreKind.INTERACTIONS).backend())
                    .isEqualTo("plainkv");
            List<String> warnings = log.messages(Level.WARNING);
            assertThat(warnings).filteredOn(w -> w.contains(PlainKvSafetyCheck.DEV)).hasSize(1)
                    .allMatch(w -> w.startsWith("OIDCS-2062 ") && w.contains("'plainkv'"));
            assertThat(log.all()).noneMatch(w -> w.contains("absent-backend"));
        }
    }

    @Test
    void aConfigurationProblemABackendsCheckFindsFailsTheDeployment() {
        RuntimeException e = Deployment.of(TxDurableBackend.class, PlainKvBackend.class)
                .with(PlainKvSafetyCheck.URI, "http://127.0.0.1:1").failure();
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-9902");
        assertThat(e.getMessage()).doesNotContain("absent-backend");
    }

    @Test
    void aMisspeltKeyOfTheCompositeFailsTheDeploymentInsteadOfBeingIgnored() {
        RuntimeException e = Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class)
                .with("oidc.store.session.durability", "volatile").failure();
        assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2007");
        assertThat(e.getMessage()).contains("oidc.store.session.durability")
                .contains("did you mean oidc.store.sessions.durability?").doesNotContain("volatile");
    }

    @Test
    void aRefusedDeploymentShowsEachOfSeveralProblemsOnce() {
        try (LogCapture log = LogCapture.of(EXTENSION_LOGGER)) {
            RuntimeException e = Deployment.of(NonTxDurableBackend.class, PlainKvBackend.class)
                    .with("oidc.store.route.sesions", "volatile").with(PlainKvSafetyCheck.URI, "kv://127.0.0.1:1")
                    .without(Deployment.PEPPER_KEY).failure();
            assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2001", "OIDCS-2040", "OIDCS-2060",
                    "OIDCS-2061");
            assertEachProblemOnce(e, List.of(e.getSuppressed()).stream().map(Throwable::getMessage).toList(), log);
        }
    }

    @Test
    void aRefusedDeploymentShowsItsOneProblemOnce() {
        try (LogCapture log = LogCapture.of(EXTENSION_LOGGER)) {
            RuntimeException e = Deployment.of(TxDurableBackend.class, MemoryStoreProducer.class)
                    .with("oidc.store.route.sesions", "volatile").failure();
            assertThat(Deployment.problemIds(e)).containsExactly("OIDCS-2001");
            String problem = e.getCause().getMessage();
            assertThat(problem).startsWith("OIDCS-2001 ");
            assertEachProblemOnce(e, List.of(problem), log);
        }
    }

    /**
     * Weld prints every problem's stack trace into its exception's message and then lists the
     * problems again (suppressed, or as the cause): each problem's text must still appear once in
     * the printed exception, without frames, and the extension must not log it besides.
     */
    private static void assertEachProblemOnce(RuntimeException e, List<String> problems, LogCapture log) {
        StringWriter printed = new StringWriter();
        e.printStackTrace(new PrintWriter(printed, true));
        for (String p : problems) {
            assertThat(occurrences(printed.toString(), p)).as("printed: " + p).isEqualTo(1);
            assertThat(occurrences(e.getMessage(), p)).as("message: " + p).isEqualTo(1);
            assertThat(log.all()).noneMatch(m -> m.contains(p));
        }
        List<Throwable> parts = e.getSuppressed().length > 0 ? List.of(e.getSuppressed()) : List.of(e.getCause());
        assertThat(parts).allMatch(t -> t.getStackTrace().length == 0);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
