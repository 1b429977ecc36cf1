package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Volatile;

/** Test backend: a second volatile tier, whose ConfigSafetyCheck is PlainKvSafetyCheck. Every producer refuses to run (see {@link Refuse}). */
@ApplicationScoped
@BackendInfo(name = "plainkv", transactional = false)
public class PlainKvBackend {

    public PlainKvBackend() {
        Refuse.create("plainkv producer instance");
    }

    @Produces
    @Volatile
    @ApplicationScoped
    SessionStore sessions() {
        return Refuse.create("plainkv SessionStore");
    }

    @Produces
    @Volatile
    @ApplicationScoped
    InteractionStore interactions() {
        return Refuse.create("plainkv InteractionStore");
    }

    @Produces
    @Volatile
    @ApplicationScoped
    ConsumedJwtIdStore consumedJwtIds() {
        return Refuse.create("plainkv ConsumedJwtIdStore");
    }

    @Produces
    @Volatile
    @ApplicationScoped
    PushedAuthorizationRequestStore pushedAuthorizationRequests() {
        return Refuse.create("plainkv PushedAuthorizationRequestStore");
    }

    @Produces
    @Volatile
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("plainkv OidcStore");
    }
}
