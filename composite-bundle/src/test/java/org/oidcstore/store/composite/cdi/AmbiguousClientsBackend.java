package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.UserStore;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;

/** Test backend: like TxDurableBackend, plus a ClientRegistry producer without @Typed (so two ClientStore beans). Every producer refuses to run (see {@link Refuse}). */
@ApplicationScoped
@BackendInfo(name = "ambiguous", transactional = true)
public class AmbiguousClientsBackend {

    public AmbiguousClientsBackend() {
        Refuse.create("ambiguous producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    ClientStore clients() {
        return Refuse.create("ambiguous ClientStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    UserStore users() {
        return Refuse.create("ambiguous UserStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AuthorizationCodeStore authorizationCodes() {
        return Refuse.create("ambiguous AuthorizationCodeStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    RefreshTokenStore refreshTokens() {
        return Refuse.create("ambiguous RefreshTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantStore grants() {
        return Refuse.create("ambiguous GrantStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AccessTokenRegistry accessTokens() {
        return Refuse.create("ambiguous AccessTokenRegistry");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OpaqueAccessTokenStore opaqueAccessTokens() {
        return Refuse.create("ambiguous OpaqueAccessTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantRevocationStore grantRevocations() {
        return Refuse.create("ambiguous GrantRevocationStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    SessionStore sessions() {
        return Refuse.create("ambiguous SessionStore");
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
    @Typed(StaticClientReconciler.class)
    StaticClientReconciler reconciler() {
        return Refuse.create("ambiguous StaticClientReconciler");
    }

    @Produces
    @Durable
    @ApplicationScoped
    ClientRegistry registry() { // no @Typed: also a second @Durable ClientStore bean
        return Refuse.create("ambiguous ClientRegistry");
    }
}
