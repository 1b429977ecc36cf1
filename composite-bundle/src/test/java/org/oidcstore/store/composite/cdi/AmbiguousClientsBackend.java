package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;

/**
 * Test backend: like TxDurableBackend, but its aggregate is produced twice (so the composite's lookup would be ambiguous). Its substore beans are derived from its table; every producer refuses to
 * run (see {@link Refuse}).
 */
@ApplicationScoped
@BackendInfo(name = "ambiguous", transactional = true, kinds = TestKinds.Durable.class)
public class AmbiguousClientsBackend {

    public AmbiguousClientsBackend() {
        Refuse.create("ambiguous producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("ambiguous OidcStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    @Typed(OidcStore.class)
    OidcStore second() {
        return Refuse.create("ambiguous second OidcStore");
    }
}
