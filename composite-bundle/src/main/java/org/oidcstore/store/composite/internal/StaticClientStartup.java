package org.oidcstore.store.composite.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.oidcstore.store.Client;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.StaticClient;
import org.oidcstore.store.composite.StaticClientDeclaration;
import org.oidcstore.store.composite.StaticClientSeeder;

/**
 * Seeds the static clients (configuration and {@code @StaticClient} beans) when the application
 * starts, all or nothing. A conflict fails the start (OIDCS-2112). Without declarations it does
 * nothing, so no backend is touched at start.
 */
@ApplicationScoped
public class StaticClientStartup {

    @Inject
    StoreRoutingExtension extension;

    @Inject
    Instance<CompositeStore> store;

    @Inject
    @StaticClient
    Instance<Client> clients;

    @Inject
    @StaticClient
    Instance<List<Client>> clientLists;

    void seed(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<StaticClientDeclaration> declared = new ArrayList<>(extension.validated().staticClients());
        for (Client c : clients) {
            declared.add(StaticClientDeclaration.of(c));
        }
        for (List<Client> list : clientLists) {
            list.forEach(c -> declared.add(StaticClientDeclaration.of(c)));
        }
        if (!declared.isEmpty()) {
            StaticClientSeeder.seed(store.get(), declared);
        }
    }
}
