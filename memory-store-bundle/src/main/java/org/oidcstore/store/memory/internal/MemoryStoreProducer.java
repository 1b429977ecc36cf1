package org.oidcstore.store.memory.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Volatile;

/**
 * Produces the {@code @Volatile} beans of the memory tier. Settings come from MicroProfile Config
 * ({@code oidc.store.memory.*}, {@code oidc.store.secret-pepper}, {@code oidc.store.jwt-id-clock-skew},
 * read by {@link MemoryStores#fromConfig}); a {@code Clock} bean of the
 * application is used when there is one, else the system UTC clock. Nothing is created until a
 * bean is first used.
 */
@ApplicationScoped
@BackendInfo(name = "memory", transactional = false)
public class MemoryStoreProducer {

    @Inject
    Instance<Clock> clocks;

    @Produces
    @Volatile
    @ApplicationScoped
    OidcStore store() {
        Config config = ConfigProvider.getConfig();
        Clock clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
        return MemoryStores.fromConfig(k -> config.getOptionalValue(k, String.class), clock);
    }

    @Produces
    @Volatile
    @ApplicationScoped
    SessionStore sessions(@Volatile OidcStore store) {
        return store.sessions();
    }

    @Produces
    @Volatile
    @ApplicationScoped
    @Typed(InteractionCompareAndSwap.class) // else it would also be a second @Volatile InteractionStore
    InteractionCompareAndSwap interactionCas(@Volatile OidcStore store) {
        return store.interactionCompareAndSwap().orElseThrow();
    }

    @Produces
    @Volatile
    @ApplicationScoped
    InteractionStore interactions(@Volatile OidcStore store) {
        return store.interactions();
    }

    @Produces
    @Volatile
    @ApplicationScoped
    ConsumedJwtIdStore consumedJwtIds(@Volatile OidcStore store) {
        return store.consumedJwtIds();
    }

    @Produces
    @Volatile
    @ApplicationScoped
    PushedAuthorizationRequestStore pushedAuthorizationRequests(@Volatile OidcStore store) {
        return store.pushedAuthorizationRequests();
    }
}
