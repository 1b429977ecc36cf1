package org.oidcstore.store.redis.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.redis.RedisOidcStore;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Volatile;

/**
 * The {@code @Volatile} beans of the Redis tier. Lazy: producing them reads no setting and opens
 * no connection (the composite validates deployments from bean metadata and configuration only);
 * the first operation validates {@code oidc.store.redis.*}, connects and checks the server. The
 * Redis client is closed when the application scope ends.
 */
@ApplicationScoped
@BackendInfo(name = "redis", transactional = false)
public class RedisStoreProducer {

    @Inject
    Config config;

    @Inject
    Instance<Clock> clocks;

    @Produces
    @Volatile
    @ApplicationScoped
    public OidcStore store() {
        Clock clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
        return RedisStores.lazy(config, clock);
    }

    public void close(@Disposes @Volatile OidcStore store) {
        if (store instanceof RedisOidcStore r) {
            r.close();
        }
    }

    @Produces
    @Volatile
    @ApplicationScoped
    public SessionStore sessions(@Volatile OidcStore store) {
        return store.sessions();
    }

    @Produces
    @Volatile
    @ApplicationScoped
    public InteractionStore interactions(@Volatile OidcStore store) {
        return store.interactions();
    }

    @Produces
    @Volatile
    @ApplicationScoped
    @Typed(InteractionCompareAndSwap.class)
    public InteractionCompareAndSwap interactionCompareAndSwap(@Volatile OidcStore store) {
        return (InteractionCompareAndSwap) store.interactions();
    }

    @Produces
    @Volatile
    @ApplicationScoped
    public ConsumedJwtIdStore consumedJwtIds(@Volatile OidcStore store) {
        return store.consumedJwtIds();
    }

    @Produces
    @Volatile
    @ApplicationScoped
    public PushedAuthorizationRequestStore pushedAuthorizationRequests(@Volatile OidcStore store) {
        return store.pushedAuthorizationRequests();
    }
}
