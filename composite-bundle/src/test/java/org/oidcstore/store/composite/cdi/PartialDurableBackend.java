package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;

/**
 * Test backend: a transactional durable tier without USERS. Its substore beans are derived from its table; every producer refuses to
 * run (see {@link Refuse}).
 */
@ApplicationScoped
@BackendInfo(name = "partial", transactional = true, kinds = TestKinds.DurableWithoutUsers.class)
public class PartialDurableBackend {

    public PartialDurableBackend() {
        Refuse.create("partial producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("partial OidcStore");
    }
}
