package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;

/**
 * Test backend: a transactional durable tier whose Clients store is read-only (no reconciler). Its substore beans are derived from its table; every producer refuses to
 * run (see {@link Refuse}).
 */
@ApplicationScoped
@BackendInfo(name = "readonly", transactional = true, kinds = TestKinds.DurableReadOnlyClients.class)
public class ReadOnlyClientsBackend {

    public ReadOnlyClientsBackend() {
        Refuse.create("readonly producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("readonly OidcStore");
    }
}
