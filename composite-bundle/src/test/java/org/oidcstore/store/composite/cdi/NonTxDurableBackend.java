package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCodeStore;
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

/** Test backend: a durable tier that is not transactional. Every producer refuses to run (see {@link Refuse}). */
@ApplicationScoped
@BackendInfo(name = "nontx", transactional = false)
public class NonTxDurableBackend {

    public NonTxDurableBackend() {
        Refuse.create("nontx producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    ClientStore clients() {
        return Refuse.create("nontx ClientStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    UserStore users() {
        return Refuse.create("nontx UserStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AuthorizationCodeStore authorizationCodes() {
        return Refuse.create("nontx AuthorizationCodeStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    RefreshTokenStore refreshTokens() {
        return Refuse.create("nontx RefreshTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantStore grants() {
        return Refuse.create("nontx GrantStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AccessTokenRegistry accessTokens() {
        return Refuse.create("nontx AccessTokenRegistry");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OpaqueAccessTokenStore opaqueAccessTokens() {
        return Refuse.create("nontx OpaqueAccessTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantRevocationStore grantRevocations() {
        return Refuse.create("nontx GrantRevocationStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    SessionStore sessions() {
        return Refuse.create("nontx SessionStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("nontx OidcStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    @Typed(StaticClientReconciler.class)
    StaticClientReconciler reconciler() {
        return Refuse.create("nontx StaticClientReconciler");
    }
}
