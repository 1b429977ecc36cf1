package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Client;
import org.oidcstore.store.ClientSource;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StaticClientReconciler.ReconcileReport;

/** Contract of {@link StaticClientReconciler}. */
@ContractFor(StaticClientReconciler.class)
public abstract class StaticClientReconcilerContract extends StoreContract {

    private StaticClientReconciler reconciler() {
        return store.staticClientReconciler().orElseThrow(() -> new AssertionError(
                "this contract needs staticClientReconciler(): it is empty"));
    }

    private Client declared(String id) {
        return samples.client(id).toBuilder().source(ClientSource.STATIC).build();
    }

    @Test
    @Covers("reconcile")
    void missingClientsAreInsertedAndEqualOnesLeftAlone() {
        Client a = declared(Samples.id("static"));
        Client b = declared(Samples.id("static"));
        assertThat(reconciler().reconcile(List.of(a))).isEqualTo(new ReconcileReport(1, 0));
        assertThat(reconciler().reconcile(List.of(a, b))).isEqualTo(new ReconcileReport(1, 1));
        assertThat(reconciler().reconcile(List.of(a, b))).isEqualTo(new ReconcileReport(0, 2));
        assertThat(reconciler().find(a.clientId())).contains(a);
        assertThat(reconciler().find(b.clientId())).contains(b);
    }

    @Test
    @Covers("reconcile")
    void aDifferingStoredClientFailsTheWholeReconciliationAndWritesNothing() {
        Client a = declared(Samples.id("static"));
        reconciler().reconcile(List.of(a));
        Client changedA = a.toBuilder().redirectUris(List.of("https://evil.example/cb")).build();
        Client newB = declared(Samples.id("static"));
        assertThatThrownBy(() -> reconciler().reconcile(List.of(newB, changedA)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.getMessage()).contains(a.clientId()).doesNotContain(a.secretHash()));
        assertThat(reconciler().find(newB.clientId())).as("all or nothing").isEmpty();
        assertThat(reconciler().find(a.clientId())).contains(a);
    }

    @Test
    @Covers("reconcile")
    void duplicateDeclarationsAreRefused() {
        Client a = declared(Samples.id("static"));
        assertThatThrownBy(() -> reconciler().reconcile(List.of(a, a))).isInstanceOf(IllegalArgumentException.class);
        assertThat(reconciler().find(a.clientId())).isEmpty();
    }

    /** Several provider nodes starting at once: every reconciliation succeeds, each client exists once. */
    @Test
    @Covers(value = "reconcile", race = true)
    void concurrentReconciliationsOfTheSameListAllSucceed() {
        List<List<Client>> lists = new java.util.ArrayList<>();
        Race.<ReconcileReport>rounds(round -> {
            List<Client> clients = List.of(declared(Samples.id("static")), declared(Samples.id("static")),
                    declared(Samples.id("static")));
            lists.add(clients);
            return i -> () -> reconciler().reconcile(clients);
        }, (round, outcomes) -> {
            assertThat(outcomes).as("round %d", round).allMatch(Race.Outcome::succeeded);
            int inserted = outcomes.stream().mapToInt(o -> o.value().inserted()).sum();
            assertThat(inserted).as("round %d: each client inserted by exactly one node", round).isEqualTo(3);
            for (Client c : lists.get(round)) {
                assertThat(reconciler().find(c.clientId())).contains(c);
            }
        });
    }
}
