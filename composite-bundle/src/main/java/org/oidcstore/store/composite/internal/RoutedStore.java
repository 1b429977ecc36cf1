package org.oidcstore.store.composite.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.Readiness;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.SubjectErasure;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.composite.Route;
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
    private final Map<BackendFacts, OidcStore> handles;
    private final MeteredStores metered;
    private final Set<StoreKind> kinds;
    /**
     * The anchor's handle when the cluster sits on one transactional backend, else {@code null}:
     * resolved once (the plan and the handles are immutable), not at every {@link #inTransaction}.
     */
    private final OidcStore anchor;
    /** Substores (and extension views) resolved once, by kind and type. */
    private final ConcurrentMap<StoreKind, ConcurrentMap<Class<?>, Object>> resolved = new ConcurrentHashMap<>();

    /**
     * @param plan a valid plan
     * @param handles each backend of the plan: an instance (builder) or its aggregate bean's client
     *     proxy (CDI, created on first call)
     * @param metered the metrics wrapper
     */
    public RoutedStore(RoutingPlan plan, Map<BackendFacts, OidcStore> handles, MeteredStores metered) {
        this.plan = plan.orThrow();
        this.handles = Map.copyOf(handles);
        this.metered = metered;
        this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(plan.routes().keySet()));
        for (BackendFacts b : plan.backends().values()) {
            if (!handles.containsKey(b)) {
                throw new IllegalArgumentException("no handle for backend " + b.label());
            }
        }
        this.anchor = this.plan.anchor().filter(BackendFacts::transactional).map(this.handles::get).orElse(null);
        plan.routes().values().stream().filter(r -> r.kind().postureRouted())
                .forEach(r -> metered.metrics().posture(tags(r), plan.sessionDurability()));
    }

    private static MetricTags tags(Route route) {
        return new MetricTags(route.kind().configName(), route.tier().configName(), route.backend());
    }

    private OidcStore handle(StoreKind kind) {
        return handles.get(plan.backends().get(kind));
    }

    /** The routed backend's substore of {@code kind}, metered; resolved once. */
    @Override
    public Object store(StoreKind kind) {
        if (!kinds.contains(kind)) {
            throw Backends.notHosted(backend(), kinds, kind);
        }
        Class<?> type = kind.storeType();
        return resolved(kind).computeIfAbsent(type, t -> metered.wrap(type, kind, tags(plan.routes().get(kind)),
                handle(kind).store(kind)));
    }

    /**
     * The routed backend's extension view of {@code kind}, metered; resolved once. The composite
     * itself never implements an extension interface, so a read-only backend is never mistaken
     * for a writable one.
     */
    @Override
    public <T> Optional<T> extension(StoreKind kind, Class<T> type) {
        if (!kind.extensionTypes().contains(type)) {
            throw new IllegalArgumentException(type.getSimpleName() + " is not an extension of " + kind);
        }
        if (!kinds.contains(kind)) {
            return Optional.empty();
        }
        Object v = resolved(kind).computeIfAbsent(type, t -> handle(kind).extension(kind, type)
                .<Object>map(x -> metered.wrap(type, kind, tags(plan.routes().get(kind)), x)).orElse(NONE));
        return v == NONE ? Optional.empty() : Optional.of(type.cast(v));
    }

    private ConcurrentMap<Class<?>, Object> resolved(StoreKind kind) {
        return resolved.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
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
        return anchor != null;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (!transactional()) {
            return CompositeStore.super.inTransaction(work);
        }
        return anchor.inTransaction(work);
    }

    /** The anchor's, like {@link #inTransaction}: it decides whether a lost conflict is retried. */
    @Override
    public <T> T inIdempotentTransaction(Supplier<T> work) {
        if (!transactional()) {
            return CompositeStore.super.inIdempotentTransaction(work);
        }
        return anchor.inIdempotentTransaction(work);
    }

    /**
     * By tier, as the routing places the kinds: those of transactional backends in one transaction
     * of the anchor, then the volatile ones one by one (see {@link TieredErasure}).
     */
    @Override
    public SubjectErasure eraseSubject(String subject) {
        return new TieredErasure(this, plan, metered).erase(subject);
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

    /** Every routed backend's probe, in the routing's order; ready when all of them are. */
    @Override
    public Readiness readiness() {
        boolean ready = true;
        List<String> details = new ArrayList<>();
        for (BackendFacts b : new LinkedHashSet<>(plan.backends().values())) {
            Readiness r = handles.get(b).readiness();
            ready &= r.ready();
            details.add(r.detail());
        }
        return new Readiness(ready, backend() + ": " + String.join("; ", details));
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
    public String toString() {
        return "CompositeStore" + plan.table();
    }
}
