package org.oidcstore.store.redis.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Volatile;

/**
 * The Redis tier's {@code @Volatile OidcStore}; its per-kind {@code @Volatile} beans are derived
 * from {@link RedisKinds} by the API's CDI extension. Lazy: producing them reads no setting and opens
 * no connection (the composite validates deployments from bean metadata and configuration only);
 * the first operation validates {@code oidc.store.redis.*}, connects and checks the server. The
 * Redis client is closed when the application scope ends.
 */
@ApplicationScoped
@BackendInfo(name = "redis", transactional = false, kinds = RedisKinds.class)
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
        return RedisStores.fromConfig(config, clock);
    }

    public void close(@Disposes @Volatile OidcStore store) {
        if (store instanceof RedisStore r) {
            r.close();
        }
    }
}
