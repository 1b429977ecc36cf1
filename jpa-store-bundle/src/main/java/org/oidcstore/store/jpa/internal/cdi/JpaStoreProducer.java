package org.oidcstore.store.jpa.internal.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.jpa.JpaGc;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.internal.JpaKinds;
import org.oidcstore.store.jpa.internal.boot.JpaBootstrap;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.tier.BackendInfo;
import org.oidcstore.store.tier.Durable;

/**
 * Produces the {@code @Durable} aggregate (and {@link JpaGc}) from MicroProfile Config; the
 * per-kind {@code @Durable} beans ({@code RefreshTokenStore}, {@code ClientRegistry}, …) are derived
 * from {@link JpaKinds} by the API's CDI extension. Lazy: every bean is
 * {@code @ApplicationScoped}, so its producer method runs on the first call through the client
 * proxy, and only then is the store opened (settings validated, persistence unit deployed).
 * Injecting the beans, and the composite's deployment validation, never connect. A failed open is
 * not cached: the next call tries again. The one exception: with {@code oidc.store.jpa.migrate}
 * set, the store is opened when the application has started ({@link #migrateAtStart}), so that
 * migrations run then and a failure fails the deployment.
 *
 * <p>{@link BackendInfo} lets the composite's deployment validation see that this backend is
 * {@code jpa} and transactional from bean metadata, without creating a bean.
 *
 * <p>The clock is the application's {@code @Default Clock} bean when there is one, else UTC.
 */
@ApplicationScoped
@BackendInfo(name = "jpa", transactional = true, kinds = JpaKinds.class)
public class JpaStoreProducer {

    @Inject
    Instance<Clock> clocks;

    @Inject
    BeanManager beanManager;

    private JpaStore store;

    /** The store, opened on first use. */
    synchronized JpaStore store() {
        if (store == null) {
            JpaSettings settings = JpaSettings.fromConfig(ConfigProvider.getConfig());
            Clock clock = clocks != null && clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
            store = JpaBootstrap.open(settings, clock, null, null, null);
            // purges of the scheduled sweep reach the composite's metrics as a CDI event
            store.gc().addListener(r -> beanManager.getEvent().select(ExpiredRecordsPurged.class)
                    .fire(new ExpiredRecordsPurged("jpa", r.deleted())));
        }
        return store;
    }

    /**
     * With {@code oidc.store.jpa.migrate} set, opens the store while the application starts, so the
     * migrations run then: a data source that cannot be reached, a bad setting or a failed
     * migration fails the deployment instead of a user's first request. Deployment validation (the
     * composite's extension) has run before this event and opened nothing. Without migrations to
     * run the store stays lazy.
     */
    void migrateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        boolean migrate = ConfigProvider.getConfig().getOptionalValue(JpaSettings.KEY_MIGRATE, String.class)
                .map(String::trim).filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("false")).isPresent();
        if (migrate) {
            store(); // a value other than true fails here too, with OIDCS-1207
        }
    }

    @PreDestroy
    synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** The expired-record collector, for on-demand sweeps (the schedule is {@code oidc.store.gc.interval}). */
    @Produces
    @Durable
    @ApplicationScoped
    @Typed(JpaGc.class)
    JpaGc gc() {
        return store().gc();
    }

    @Produces
    @Durable
    @ApplicationScoped
    @Typed(OidcStore.class)
    OidcStore oidcStore() {
        return store();
    }
}
