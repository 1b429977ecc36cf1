package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Volatile;

/**
 * Test backend: a second volatile tier, whose ConfigSafetyCheck is PlainKvSafetyCheck. Its substore beans are derived from its table; every producer refuses to
 * run (see {@link Refuse}).
 */
@ApplicationScoped
@BackendInfo(name = "plainkv", transactional = false, kinds = TestKinds.Volatile.class)
public class PlainKvBackend {

    public PlainKvBackend() {
        Refuse.create("plainkv producer instance");
    }

    @Produces
    @Volatile
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("plainkv OidcStore");
    }
}
