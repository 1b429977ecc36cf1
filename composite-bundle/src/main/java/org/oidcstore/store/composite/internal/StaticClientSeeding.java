package org.oidcstore.store.composite.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oidcstore.store.Client;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StaticClientReconciler.ReconcileReport;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.composite.StaticClientDeclaration;

/**
 * Seeds the statically declared clients into the Clients backend, all or nothing, through its
 * {@link StaticClientReconciler}. The CDI integration calls it at start-up; Java SE users call it
 * (through {@code CompositeStores.seedStaticClients}) after building the composite. It also words
 * the validator's static-client problems (OIDCS-2006, 2111).
 *
 * <p>Static clients are the one feature of the composite that belongs to a kind (clients): its files,
 * all named {@code StaticClient*}, are counted as such by {@code .ci/checks/KindUsage.java};
 * everything else in the composite derives from {@code StoreKind}'s facts ({@link DerivedKinds}).
 */
public final class StaticClientSeeding {
    private static final System.Logger LOG = System.getLogger(StaticClientSeeding.class.getName());

    private StaticClientSeeding() {
    }

    /**
     * The static clients declared under {@code oidc.store.static-clients.<client-id>.*} in
     * {@code properties} (property name to value, e.g. a loaded {@code .properties} file).
     *
     * @throws StoreConfigurationException listing every problem (OIDCS-2110), without secrets
     */
    public static List<StaticClientDeclaration> fromConfig(Map<String, String> properties) {
        StaticClientConfig.Result r = StaticClientConfig.read(ConfigLookup.of(properties));
        if (!r.problems().isEmpty()) {
            throw new StoreConfigurationException(r.problems().size() + " problem(s) in the static clients:\n"
                    + String.join("\n", r.problems()));
        }
        return r.declarations();
    }

    /**
     * Reconciles {@code declared} with the store, all or nothing.
     *
     * @return what was inserted and what was already up to date
     * @throws StoreConfigurationException OIDCS-2111 when the Clients backend is read-only,
     *     OIDCS-2113 when two declarations share a client id, OIDCS-2112 when a stored client
     *     differs from its declaration (nothing is written; the message names the client ids)
     */
    public static ReconcileReport seed(OidcStore store, List<StaticClientDeclaration> declared) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (StaticClientDeclaration d : declared) {
            if (!ids.add(d.clientId())) {
                duplicates.add(d.clientId());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new StoreConfigurationException(CompositeMessages.STATIC_CLIENT_TWICE + " static client id(s) declared more than once: "
                    + String.join(", ", duplicates) + ". Fix: declare each client once, either under"
                    + " oidc.store.static-clients.<client-id>.* or by a @StaticClient producer.");
        }
        StaticClientReconciler reconciler = store.staticClientReconciler().orElseThrow(() ->
                new StoreConfigurationException(CompositeMessages.STATIC_CLIENTS_READ_ONLY + " " + declared.size() + " static client(s) are declared ("
                        + String.join(", ", ids) + ") but the Clients backend of '" + store.backend()
                        + "' is read-only: it offers no StaticClientReconciler. Fix: route clients to a backend"
                        + " with a writable client store, or remove the declarations."));
        List<Client> clients = new ArrayList<>();
        for (StaticClientDeclaration d : declared) {
            if (d.rawSecret() != null) {
                LOG.log(Level.WARNING, "oidc-store: static client {0} is configured with a raw secret; prefer"
                        + " oidc.store.static-clients.{0}.secret-hash (see ClientSecrets.hash)", d.clientId());
            }
            clients.add(d.resolve(reconciler::find));
        }
        try {
            ReconcileReport report = reconciler.reconcile(clients);
            LOG.log(Level.INFO, "oidc-store: static clients reconciled: {0} inserted, {1} unchanged",
                    report.inserted(), report.unchanged());
            return report;
        } catch (ConflictException e) {
            throw new StoreConfigurationException(CompositeMessages.STATIC_CLIENT_CONFLICT + " the declared static clients differ from the stored"
                    + " ones, so none was written: " + e.getMessage() + " Static clients are never overwritten"
                    + " at start-up. Fix: make the declaration equal to the stored client again, or update or"
                    + " delete the stored client through the ClientRegistry (administration) and restart.", e);
        }
    }

    /** OIDCS-2006: static clients are declared but the composite does not host clients. */
    static RoutingProblem notHostedProblem(List<String> declared) {
        String kinds = ConfigKeys.KINDS_KEY;
        return RoutingProblem.of(CompositeMessages.STATIC_CLIENTS_NOT_HOSTED, declared.size() + " static client(s) are declared ("
                + String.join(", ", declared) + ") but the composite does not host clients (" + kinds
                + " leaves them out), so they cannot be seeded. Fix: add clients to " + kinds
                + " (with a writable durable backend), or remove the declarations (oidc.store.static-clients.* and @StaticClient beans).");
    }

    /** OIDCS-2111: static clients are declared but the backend hosting clients cannot reconcile them. */
    static RoutingProblem readOnlyProblem(BackendFacts backend, List<String> declared) {
        return RoutingProblem.of(CompositeMessages.STATIC_CLIENTS_READ_ONLY, declared.size() + " static client(s) are declared (" + String.join(", ",
                declared) + ") but the Clients backend " + backend.label() + " is read-only: it offers no"
                + " StaticClientReconciler, so they cannot be seeded. Fix: route clients to a backend with a"
                + " writable client store (" + ConfigKeys.ROUTE_PREFIX
                + "clients=<tier>, e.g. the durable tier of the oidc-store jpa bundle), or remove the declarations (oidc.store.static-clients.* and"
                + " @StaticClient beans).");
    }
}
