package org.oidcstore.store.composite;

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
import org.oidcstore.store.composite.internal.ConfigLookup;
import org.oidcstore.store.composite.internal.StaticClientConfig;

/**
 * Seeds the statically declared clients into the Clients backend, all or nothing, through its
 * {@link StaticClientReconciler}. The CDI integration calls it at start-up; Java SE users call it
 * after building the composite.
 */
public final class StaticClientSeeder {
    private static final System.Logger LOG = System.getLogger(StaticClientSeeder.class.getName());

    private StaticClientSeeder() {
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
            throw new StoreConfigurationException("OIDCS-2113 static client id(s) declared more than once: "
                    + String.join(", ", duplicates) + ". Fix: declare each client once, either under"
                    + " oidc.store.static-clients.<client-id>.* or by a @StaticClient producer.");
        }
        StaticClientReconciler reconciler = store.staticClientReconciler().orElseThrow(() ->
                new StoreConfigurationException("OIDCS-2111 " + declared.size() + " static client(s) are declared ("
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
            throw new StoreConfigurationException("OIDCS-2112 the declared static clients differ from the stored"
                    + " ones, so none was written: " + e.getMessage() + " Static clients are never overwritten"
                    + " at start-up. Fix: make the declaration equal to the stored client again, or update or"
                    + " delete the stored client through the ClientRegistry (administration) and restart.", e);
        }
    }
}
