package org.oidcstore.store.memory.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Volatile;

/**
 * Produces the {@code @Volatile} beans of the memory tier. Settings come from MicroProfile Config
 * ({@code oidc.store.memory.*}, {@code oidc.store.secret-pepper}); a {@code Clock} bean of the
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
        Optional<String> pepper = config.getOptionalValue(StoreSettings.SECRET_PEPPER_KEY, String.class)
                .filter(p -> !p.isBlank());
        // records never outlive the process: without a configured pepper a random one serves
        return new MemoryOidcStore(MemorySettings.fromConfig(config), clock,
                pepper.isPresent() ? SecretDigest.fromConfig(pepper) : SecretDigest.randomPepper());
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
