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
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;

/** Test backend: a transactional durable tier without USERS. Every producer refuses to run (see {@link Refuse}). */
@ApplicationScoped
@BackendInfo(name = "partial", transactional = true)
public class PartialDurableBackend {

    public PartialDurableBackend() {
        Refuse.create("partial producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    ClientStore clients() {
        return Refuse.create("partial ClientStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AuthorizationCodeStore authorizationCodes() {
        return Refuse.create("partial AuthorizationCodeStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    RefreshTokenStore refreshTokens() {
        return Refuse.create("partial RefreshTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantStore grants() {
        return Refuse.create("partial GrantStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AccessTokenRegistry accessTokens() {
        return Refuse.create("partial AccessTokenRegistry");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OpaqueAccessTokenStore opaqueAccessTokens() {
        return Refuse.create("partial OpaqueAccessTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantRevocationStore grantRevocations() {
        return Refuse.create("partial GrantRevocationStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    SessionStore sessions() {
        return Refuse.create("partial SessionStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("partial OidcStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    @Typed(StaticClientReconciler.class)
    StaticClientReconciler reconciler() {
        return Refuse.create("partial StaticClientReconciler");
    }
}
