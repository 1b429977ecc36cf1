package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.UserStore;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;

/** Test backend: a transactional durable tier whose Clients store is read-only (no reconciler). Every producer refuses to run (see {@link Refuse}). */
@ApplicationScoped
@BackendInfo(name = "readonly", transactional = true)
public class ReadOnlyClientsBackend {

    public ReadOnlyClientsBackend() {
        Refuse.create("readonly producer instance");
    }

    @Produces
    @Durable
    @ApplicationScoped
    ClientStore clients() {
        return Refuse.create("readonly ClientStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    UserStore users() {
        return Refuse.create("readonly UserStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AuthorizationCodeStore authorizationCodes() {
        return Refuse.create("readonly AuthorizationCodeStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    RefreshTokenStore refreshTokens() {
        return Refuse.create("readonly RefreshTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantStore grants() {
        return Refuse.create("readonly GrantStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    AccessTokenRegistry accessTokens() {
        return Refuse.create("readonly AccessTokenRegistry");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OpaqueAccessTokenStore opaqueAccessTokens() {
        return Refuse.create("readonly OpaqueAccessTokenStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    GrantRevocationStore grantRevocations() {
        return Refuse.create("readonly GrantRevocationStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    SessionStore sessions() {
        return Refuse.create("readonly SessionStore");
    }

    @Produces
    @Durable
    @ApplicationScoped
    OidcStore store() {
        return Refuse.create("readonly OidcStore");
    }
}
