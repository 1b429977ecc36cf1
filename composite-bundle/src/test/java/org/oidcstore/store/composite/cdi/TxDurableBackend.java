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

/** Test backend: a transactional durable tier hosting every durable kind. Every producer refuses to run (see {@link Refuse}). */
@ApplicationScoped
@BackendInfo(name = "tx-durable", transactional = true)
public class TxDurableBackend {

    public TxDurableBackend() {
        Refuse.create("tx-durable producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    ClientStore clients() {
        return Refuse.create("tx-durable ClientStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    UserStore users() {
        return Refuse.create("tx-durable UserStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AuthorizationCodeStore authorizationCodes() {
        return Refuse.create("tx-durable AuthorizationCodeStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    RefreshTokenStore refreshTokens() {
        return Refuse.create("tx-durable RefreshTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantStore grants() {
        return Refuse.create("tx-durable GrantStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AccessTokenRegistry accessTokens() {
        return Refuse.create("tx-durable AccessTokenRegistry");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OpaqueAccessTokenStore opaqueAccessTokens() {
        return Refuse.create("tx-durable OpaqueAccessTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantRevocationStore grantRevocations() {
        return Refuse.create("tx-durable GrantRevocationStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    SessionStore sessions() {
        return Refuse.create("tx-durable SessionStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("tx-durable OidcStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    @Typed(StaticClientReconciler.class)
    StaticClientReconciler reconciler() {
        return Refuse.create("tx-durable StaticClientReconciler");
    }
}
