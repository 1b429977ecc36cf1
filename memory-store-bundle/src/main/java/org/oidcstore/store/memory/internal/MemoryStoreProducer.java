package org.oidcstore.store.memory.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Volatile;

/**
 * Produces the memory tier's {@code @Volatile OidcStore}; its per-kind {@code @Volatile} beans
 * ({@code SessionStore}, {@code InteractionCompareAndSwap}, …) are derived from {@link MemoryKinds}
 * by the API's CDI extension. Settings come from MicroProfile Config
 * ({@code oidc.store.memory.*}, {@code oidc.store.secret-pepper}, {@code oidc.store.jwt-id-clock-skew},
 * read by {@link MemoryStores#fromConfig}); a {@code Clock} bean of the
 * application is used when there is one, else the system UTC clock. Nothing is created until a
 * bean is first used.
 */
@ApplicationScoped
@BackendInfo(name = "memory", transactional = false, kinds = MemoryKinds.class)
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
}
