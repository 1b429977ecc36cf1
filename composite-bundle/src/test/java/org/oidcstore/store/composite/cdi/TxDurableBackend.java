package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;

/**
 * Test backend: a transactional durable tier hosting every durable kind. Its substore beans are derived from its table; every producer refuses to
 * run (see {@link Refuse}).
 */
@ApplicationScoped
@BackendInfo(name = "tx-durable", transactional = true, kinds = TestKinds.Durable.class)
public class TxDurableBackend {

    public TxDurableBackend() {
        Refuse.create("tx-durable producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("tx-durable OidcStore");
    }
}
