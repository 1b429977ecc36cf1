package org.oidcstore.store.composite.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.UserStore;
import org.oidcstore.store.composite.BackendFacts;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.composite.RoutingPlan;
import org.oidcstore.store.composite.internal.metrics.MeteredStores;
import org.oidcstore.store.composite.internal.metrics.MetricsSupport;
import org.oidcstore.store.tier.Durable;
import org.oidcstore.store.tier.StoreTier;
import org.oidcstore.store.tier.Volatile;

/**
 * The {@code @Default} beans: the composite ({@code OidcStore} and {@code CompositeStore}) and one
 * bean per substore interface, each a thin delegate to the routed backend's bean. All are
 * {@code @ApplicationScoped}, so nothing is resolved before first use.
 */
@ApplicationScoped
public class CompositeProducer {

    @Inject
    StoreRoutingExtension extension;

    @Inject
    @Any
    Instance<Object> beans;

    @Inject
    BeanManager beanManager;

    @Produces
    @ApplicationScoped
    @Typed({CompositeStore.class, OidcStore.class})
    CompositeStore composite() {
        RoutingPlan plan = extension.validated().plan();
        Map<BackendFacts, BackendHandle> handles = new HashMap<>();
        for (BackendFacts b : plan.backends().values()) {
            handles.computeIfAbsent(b, k -> new CdiBackendHandle(beanManager,
                    type -> extension.backendBean(k.tier(), k.name(), type), beans,
                    k.tier() == StoreTier.DURABLE ? Durable.Literal.INSTANCE : Volatile.Literal.INSTANCE, k.name()));
        }
        MeteredStores metered = new MeteredStores(
                MetricsSupport.forRegistry(reference(MetricsSupport.registryType())),
                MetricsSupport.forSynchronizationRegistry(reference(MetricsSupport.synchronizationRegistryType())),
                plan.sessionDurability());
        return new RoutedStore(plan, handles, metered);
    }

    /**
     * The {@code @Default} bean of an optional API type, looked up by a reflectively loaded class,
     * or {@code null}: servers without MicroProfile Metrics (or JTA) have no such class or bean.
     * Looked up through {@code Instance} rather than {@code BeanManager.getReference}, because
     * SmallRye's {@code MetricRegistry} producer reads its injection point, which only the former
     * provides.
     */
    private Object reference(Optional<Class<?>> type) {
        if (type.isEmpty()) {
            return null;
        }
        Instance<?> found = beans.select(type.get(), Default.Literal.INSTANCE);
        return found.isResolvable() ? found.get() : null;
    }

    /** Backends' own sweeps (the JPA tier's GC) reach the purge metrics through this event. */
    void purged(@Observes ExpiredRecordsPurged purge, CompositeStore store) {
        store.recordPurge(purge);
    }

    @Produces
    @ApplicationScoped
    ClientStore clients(CompositeStore store) {
        return store.clients();
    }

    @Produces
    @ApplicationScoped
    UserStore users(CompositeStore store) {
        return store.users();
    }

    @Produces
    @ApplicationScoped
    AuthorizationCodeStore authorizationCodes(CompositeStore store) {
        return store.authorizationCodes();
    }

    @Produces
    @ApplicationScoped
    RefreshTokenStore refreshTokens(CompositeStore store) {
        return store.refreshTokens();
    }

    @Produces
    @ApplicationScoped
    GrantStore grants(CompositeStore store) {
        return store.grants();
    }

    @Produces
    @ApplicationScoped
    AccessTokenRegistry accessTokens(CompositeStore store) {
        return store.accessTokens();
    }

    @Produces
    @ApplicationScoped
    OpaqueAccessTokenStore opaqueAccessTokens(CompositeStore store) {
        return store.opaqueAccessTokens();
    }

    @Produces
    @ApplicationScoped
    GrantRevocationStore grantRevocations(CompositeStore store) {
        return store.grantRevocations();
    }

    @Produces
    @ApplicationScoped
    SessionStore sessions(CompositeStore store) {
        return store.sessions();
    }

    @Produces
    @ApplicationScoped
    InteractionStore interactions(CompositeStore store) {
        return store.interactions();
    }

    @Produces
    @ApplicationScoped
    ConsumedJwtIdStore consumedJwtIds(CompositeStore store) {
        return store.consumedJwtIds();
    }

    @Produces
    @ApplicationScoped
    PushedAuthorizationRequestStore pushedAuthorizationRequests(CompositeStore store) {
        return store.pushedAuthorizationRequests();
    }
}
