package org.oidcstore.store.composite.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.UserRegistry;
import org.oidcstore.store.UserStore;
import org.oidcstore.store.composite.BackendFacts;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.composite.Route;
import org.oidcstore.store.composite.RoutingPlan;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.internal.metrics.MeteredStores;
import org.oidcstore.store.composite.internal.metrics.MetricTags;
import org.oidcstore.store.spi.Backends;

/**
 * The composite over a valid {@link RoutingPlan}: every accessor delegates to the one backend the
 * plan routes its kind to (reads and writes alike, no fan-out). Substores are resolved once, on
 * first use, and wrapped for metrics only when metrics are enabled.
 */
public final class RoutedStore implements CompositeStore {
    private static final Object NONE = new Object();

    private final RoutingPlan plan;
    private final Map<BackendFacts, BackendHandle> handles;
    private final MeteredStores metered;
    private final Set<StoreKind> kinds;
    private final ConcurrentMap<Class<?>, Object> resolved = new ConcurrentHashMap<>();

    /**
     * @param plan a valid plan
     * @param handles how to reach each backend of the plan
     * @param metered the metrics wrapper
     */
    public RoutedStore(RoutingPlan plan, Map<BackendFacts, BackendHandle> handles, MeteredStores metered) {
        this.plan = plan.orThrow();
        this.handles = Map.copyOf(handles);
        this.metered = metered;
        this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(plan.routes().keySet()));
        for (BackendFacts b : plan.backends().values()) {
            if (!handles.containsKey(b)) {
                throw new IllegalArgumentException("no handle for backend " + b.label());
            }
        }
        Route sessions = plan.routes().get(StoreKind.SESSIONS);
        if (sessions != null) {
            metered.metrics().posture(tags(sessions), plan.sessionDurability());
        }
    }

    private static MetricTags tags(Route route) {
        return new MetricTags(route.kind().configName(), route.tier().configName(), route.backend());
    }

    private BackendHandle handle(StoreKind kind) {
        return handles.get(plan.backends().get(kind));
    }

    private <T> T substore(StoreKind kind, Class<T> type) {
        if (!kinds.contains(kind)) {
            throw Backends.notHosted(backend(), kinds, kind);
        }
        return type.cast(resolved.computeIfAbsent(type, t -> metered.wrap(type, kind,
                tags(plan.routes().get(kind)), type.cast(handle(kind).store(kind)))));
    }

    private <T> Optional<T> extension(StoreKind kind, Class<T> type) {
        if (!kinds.contains(kind)) {
            return Optional.empty();
        }
        Object v = resolved.computeIfAbsent(type, t -> handle(kind).extension(kind, type)
                .<Object>map(x -> metered.wrap(type, kind, tags(plan.routes().get(kind)), x)).orElse(NONE));
        return v == NONE ? Optional.empty() : Optional.of(type.cast(v));
    }

    @Override
    public String backend() {
        return "composite";
    }

    @Override
    public Set<StoreKind> kinds() {
        return kinds;
    }

    /** The anchor's: the cluster commits in the anchor's transactions. */
    @Override
    public boolean transactional() {
        return plan.anchor().map(BackendFacts::transactional).orElse(false);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (!transactional()) {
            return CompositeStore.super.inTransaction(work);
        }
        return handles.get(plan.anchor().orElseThrow()).inTransaction(work);
    }

    /** Empty for a valid composite: validation refuses to build one while a backend reports any. */
    @Override
    public List<String> unsafeSettings() {
        return plan.backends().values().stream().distinct().flatMap(b -> b.unsafeSettings().stream()).toList();
    }

    /**
     * Each kind counted by the backend it is routed to (a backend may host, and count, kinds that
     * are routed elsewhere). All or nothing: when a backend serving some kind does not count, the
     * composite does not either, as the contract asks for every hosted kind or none.
     */
    @Override
    public Map<StoreKind, Long> recordCounts() {
        Map<BackendFacts, Map<StoreKind, Long>> byBackend = new HashMap<>();
        Map<StoreKind, Long> out = new EnumMap<>(StoreKind.class);
        for (StoreKind kind : kinds) {
            BackendFacts b = plan.backends().get(kind);
            Long n = byBackend.computeIfAbsent(b, k -> handles.get(k).recordCounts()).get(kind);
            if (n == null) {
                return Map.of();
            }
            out.put(kind, n);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public SessionDurability sessionDurability() {
        return plan.sessionDurability();
    }

    @Override
    public Map<StoreKind, Route> routingTable() {
        return plan.routes();
    }

    @Override
    public void recordPurge(ExpiredRecordsPurged purge) {
        purge.deleted().forEach((kind, count) -> {
            Route route = plan.routes().get(kind);
            String tier = route != null && route.backend().equals(purge.backend()) ? route.tier().configName()
                    : plan.backends().values().stream().filter(b -> b.name().equals(purge.backend()))
                            .map(b -> b.tier().configName()).findFirst().orElse("none");
            metered.metrics().purged(new MetricTags(kind.configName(), tier, purge.backend()), count);
        });
    }

    @Override
    public ClientStore clients() {
        return substore(StoreKind.CLIENTS, ClientStore.class);
    }

    @Override
    public UserStore users() {
        return substore(StoreKind.USERS, UserStore.class);
    }

    @Override
    public AuthorizationCodeStore authorizationCodes() {
        return substore(StoreKind.AUTHORIZATION_CODES, AuthorizationCodeStore.class);
    }

    @Override
    public RefreshTokenStore refreshTokens() {
        return substore(StoreKind.REFRESH_TOKENS, RefreshTokenStore.class);
    }

    @Override
    public GrantStore grants() {
        return substore(StoreKind.GRANTS, GrantStore.class);
    }

    @Override
    public AccessTokenRegistry accessTokens() {
        return substore(StoreKind.ACCESS_TOKENS, AccessTokenRegistry.class);
    }

    @Override
    public OpaqueAccessTokenStore opaqueAccessTokens() {
        return substore(StoreKind.OPAQUE_ACCESS_TOKENS, OpaqueAccessTokenStore.class);
    }

    @Override
    public GrantRevocationStore grantRevocations() {
        return substore(StoreKind.GRANT_REVOCATIONS, GrantRevocationStore.class);
    }

    @Override
    public SessionStore sessions() {
        return substore(StoreKind.SESSIONS, SessionStore.class);
    }

    @Override
    public InteractionStore interactions() {
        return substore(StoreKind.INTERACTIONS, InteractionStore.class);
    }

    @Override
    public ConsumedJwtIdStore consumedJwtIds() {
        return substore(StoreKind.CONSUMED_JWT_IDS, ConsumedJwtIdStore.class);
    }

    @Override
    public PushedAuthorizationRequestStore pushedAuthorizationRequests() {
        return substore(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, PushedAuthorizationRequestStore.class);
    }

    @Override
    public Optional<ClientRegistry> clientRegistry() {
        return extension(StoreKind.CLIENTS, ClientRegistry.class);
    }

    @Override
    public Optional<StaticClientReconciler> staticClientReconciler() {
        return extension(StoreKind.CLIENTS, StaticClientReconciler.class);
    }

    @Override
    public Optional<UserRegistry> userRegistry() {
        return extension(StoreKind.USERS, UserRegistry.class);
    }

    @Override
    public Optional<InteractionCompareAndSwap> interactionCompareAndSwap() {
        return extension(StoreKind.INTERACTIONS, InteractionCompareAndSwap.class);
    }

    @Override
    public String toString() {
        return "CompositeStore" + plan.table();
    }
}
