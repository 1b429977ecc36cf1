package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;

/**
 * Test backend: a durable tier that does not join transactions. Its substore beans are derived from its table; every producer refuses to
 * run (see {@link Refuse}).
 */
@ApplicationScoped
@BackendInfo(name = "nontx", transactional = false, kinds = TestKinds.Durable.class)
public class NonTxDurableBackend {

    public NonTxDurableBackend() {
        Refuse.create("nontx producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("nontx OidcStore");
    }
}
