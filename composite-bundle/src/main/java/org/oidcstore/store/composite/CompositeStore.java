package org.oidcstore.store.composite;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
import org.oidcstore.store.composite.RoutingFacts.Origin;
import org.oidcstore.store.composite.internal.BackendHandle;
import org.oidcstore.store.composite.internal.ConfigLookup;
import org.oidcstore.store.composite.internal.RoutingConfig;
import org.oidcstore.store.composite.internal.RoutedStore;
import org.oidcstore.store.composite.internal.StoreHandle;
import org.oidcstore.store.composite.internal.metrics.CommitHook;
import org.oidcstore.store.composite.internal.metrics.MeteredStores;
import org.oidcstore.store.composite.internal.metrics.MetricsSupport;
import org.oidcstore.store.tier.StoreTier;

/**
 * The composite store: one {@link OidcStore} whose every kind is served by exactly one backend,
 * chosen by the routing ({@link RoutingValidator}). {@link #backend()} is {@code composite},
 * {@link #kinds()} are all routed kinds, {@link #transactional()} and {@link #inTransaction} are the
 * cluster anchor's, and the extension accessors ({@link #clientRegistry()}, ...) are those of the
 * backend hosting the kind: the composite itself never implements {@code ClientRegistry}, so a
 * read-only Clients backend is never mistaken for a writable one.
 *
 * <p>In CDI the composite is the {@code @Default OidcStore} (and {@code @Default CompositeStore});
 * in Java SE and OSGi build one with {@link #builder()}.
 */
public interface CompositeStore extends OidcStore {

    /** The effective session durability posture (the tier SESSIONS is routed to). */
    SessionDurability sessionDurability();

    /** The routing table: every kind with its tier, backend and the reason for the tier. */
    Map<StoreKind, Route> routingTable();

    /** Counts a backend's own sweep of expired records in the metrics (no-op without metrics). */
    void recordPurge(ExpiredRecordsPurged purge);

    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a composite for Java SE and OSGi, validated by the same {@link RoutingValidator} as a
     * CDI deployment. Two styles, which do not mix:
     *
     * <pre>{@code
     * // by tier, routed exactly like a CDI deployment (configuration optional):
     * CompositeStore.builder().withTier(StoreTier.DURABLE, jpa).withTier(StoreTier.VOLATILE, memory)
     *         .config(Map.of("oidc.store.sessions.durability", "volatile")).build();
     * // by store: every kind not given with(..) goes to the default store
     * CompositeStore.builder().withDefault(jpa).with(StoreKind.SESSIONS, memory).build();
     * }</pre>
     *
     * {@code with(kind, store)} binds one kind in either style. In the by-store style a store's tier
     * (for the routing table, the metrics and the posture) is durable when it is transactional,
     * else volatile.
     */
    final class Builder {
        private OidcStore defaultStore;
        private final Map<StoreKind, OidcStore> bound = new EnumMap<>(StoreKind.class);
        private final Map<StoreTier, List<OidcStore>> tiers = new EnumMap<>(StoreTier.class);
        private final Map<String, String> config = new LinkedHashMap<>();
        private SessionDurability posture;
        private Object metricRegistry;
        private String kinds;

        private Builder() {
        }

        /** The store of every kind that is not bound with {@link #with}. */
        public Builder withDefault(OidcStore store) {
            defaultStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Binds {@code kind} to {@code store} (reads and writes of the kind go there only). */
        public Builder with(StoreKind kind, OidcStore store) {
            bound.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(store, "store"));
            return this;
        }

        /** The backend of {@code tier}; kinds are routed to tiers as in a CDI deployment. */
        public Builder withTier(StoreTier tier, OidcStore store) {
            List<OidcStore> list = tiers.computeIfAbsent(Objects.requireNonNull(tier, "tier"), t -> new ArrayList<>());
            if (list.stream().noneMatch(s -> s == store)) {
                list.add(Objects.requireNonNull(store, "store"));
            }
            return this;
        }

        /**
         * The kinds this composite hosts (default: all twelve), e.g. only the volatile kinds for an
         * OSGi service over the memory or Redis tier. Only these kinds are routed and validated (the
         * cluster rules apply to the listed cluster kinds only); the accessors of the others throw
         * {@code StoreConfigurationException} OIDCS-1002. Overrides {@code oidc.store.kinds} in
         * {@link #config}.
         */
        public Builder kinds(java.util.Set<StoreKind> hosted) {
            kinds = hosted.stream().map(StoreKind::configName).collect(java.util.stream.Collectors.joining(","));
            return this;
        }

        /**
         * Routing configuration by property name, as a deployment reads it from MicroProfile Config:
         * {@code oidc.store.route.<kind>}, {@code oidc.store.route.default} (or their
         * {@code OIDC_STORE_ROUTE_*} spellings), {@code oidc.store.sessions.durability} and
         * {@code oidc.store.kinds}. Other keys are ignored, so a whole properties map can be passed.
         */
        public Builder config(Map<String, String> properties) {
            properties.forEach((k, v) -> {
                String key = Objects.requireNonNull(k, "key");
                if (key.regionMatches(true, 0, RoutingValidator.ROUTE_PREFIX, 0, RoutingValidator.ROUTE_PREFIX.length())
                        || key.regionMatches(true, 0, RoutingValidator.ENV_ROUTE_PREFIX, 0,
                                RoutingValidator.ENV_ROUTE_PREFIX.length())
                        || key.equals(RoutingValidator.SESSION_DURABILITY_KEY)
                        || key.equals(RoutingValidator.KINDS_KEY)) {
                    config.put(key, v);
                }
            });
            return this;
        }

        /**
         * Routing configuration from any configuration source, read exactly as a CDI deployment
         * reads MicroProfile Config (environment spellings, misspelt keys reported). With
         * MicroProfile Config: {@code config(c.getPropertyNames(), k -> c.getOptionalValue(k, String.class))}.
         */
        public Builder config(Iterable<String> propertyNames, Function<String, Optional<String>> lookup) {
            RoutingFacts read = RoutingConfig.read(ConfigLookup.of(propertyNames, lookup),
                    RoutingFacts.builder(Origin.BUILDER)).build();
            config.putAll(read.routes());
            read.sessionDurability().ifPresent(v -> config.put(RoutingValidator.SESSION_DURABILITY_KEY, v));
            read.kinds().ifPresent(v -> config.put(RoutingValidator.KINDS_KEY, v));
            return this;
        }

        /** The session durability posture (overrides {@code oidc.store.sessions.durability} in {@link #config}). */
        public Builder sessionDurability(SessionDurability posture) {
            this.posture = Objects.requireNonNull(posture, "posture");
            return this;
        }

        /**
         * Records metrics in {@code registry}, an {@code org.eclipse.microprofile.metrics.MetricRegistry}
         * (typed {@code Object} so that this class loads where MicroProfile Metrics is absent).
         */
        public Builder metricRegistry(Object registry) {
            this.metricRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Validates the routing and builds the composite.
         *
         * @throws StoreConfigurationException listing every problem, each line starting with its id
         * @throws IllegalStateException when {@code withDefault} and {@code withTier} are mixed
         */
        public CompositeStore build() {
            if (defaultStore != null && !tiers.isEmpty()) {
                throw new IllegalStateException("withDefault(store) and withTier(tier, store) do not mix: route by"
                        + " tier (withTier + config) or by store (withDefault + with)");
            }
            Map<OidcStore, BackendFacts> facts = new IdentityHashMap<>();
            Map<String, Integer> names = new HashMap<>();
            RoutingFacts.Builder f = RoutingFacts.builder(Origin.BUILDER);
            config.forEach((k, v) -> {
                if (!k.equals(RoutingValidator.SESSION_DURABILITY_KEY) && !k.equals(RoutingValidator.KINDS_KEY)) {
                    f.route(k, v);
                }
            });
            String hosted = kinds != null ? kinds : config.get(RoutingValidator.KINDS_KEY);
            f.kinds(hosted);
            f.sessionDurability(posture != null ? posture.configName()
                    : config.get(RoutingValidator.SESSION_DURABILITY_KEY));
            // names in the order stores were given their role: tiers, default, bound (a second
            // instance of a backend is then the bound one: 'jpa#2')
            tiers.forEach((tier, stores) -> stores.forEach(s -> f.backend(facts(facts, names, s, tier))));
            BackendFacts d = defaultStore == null ? null : facts(facts, names, defaultStore, tierOf(defaultStore));
            bound.forEach((kind, s) -> f.bind(kind, facts(facts, names, s, tierOf(s)), true));
            if (d != null) {
                java.util.Set<StoreKind> listed = listed(hosted);
                for (StoreKind kind : StoreKind.values()) {
                    if (!bound.containsKey(kind) && listed.contains(kind)) {
                        f.bind(kind, d, false);
                    }
                }
            }
            RoutingPlan plan = RoutingValidator.validate(f.build()).orThrow();
            System.getLogger(CompositeStore.class.getName()).log(System.Logger.Level.INFO,
                    "oidc-store routing (kind, tier, backend, reason):" + plan.table());
            Map<BackendFacts, BackendHandle> handles = new HashMap<>();
            facts.forEach((store, b) -> handles.put(b, new StoreHandle(store)));
            MeteredStores metered = new MeteredStores(MetricsSupport.forRegistry(metricRegistry), CommitHook.IMMEDIATE,
                    plan.sessionDurability());
            return new RoutedStore(plan, handles, metered);
        }

        /** The kinds a raw kind list names; all when unset or when no entry names a kind (then reported). */
        private static java.util.Set<StoreKind> listed(String raw) {
            java.util.Set<StoreKind> out = java.util.EnumSet.noneOf(StoreKind.class);
            if (raw != null) {
                for (String part : raw.split(",")) {
                    StoreKind.fromConfigName(part.strip().replaceAll("[^A-Za-z0-9]", "-")).ifPresent(out::add);
                }
            }
            return out.isEmpty() ? java.util.EnumSet.allOf(StoreKind.class) : out;
        }

        private StoreTier tierOf(OidcStore store) {
            for (Map.Entry<StoreTier, List<OidcStore>> e : tiers.entrySet()) {
                if (e.getValue().stream().anyMatch(s -> s == store)) {
                    return e.getKey();
                }
            }
            return store.transactional() ? StoreTier.DURABLE : StoreTier.VOLATILE;
        }

        /** One facts record per store instance; a second instance of a backend is named {@code jpa#2}. */
        private static BackendFacts facts(Map<OidcStore, BackendFacts> facts, Map<String, Integer> names,
                OidcStore store, StoreTier tier) {
            return facts.computeIfAbsent(store, s -> {
                int n = names.merge(s.backend(), 1, Integer::sum);
                return BackendFacts.of(s, n == 1 ? s.backend() : s.backend() + "#" + n, tier);
            });
        }
    }
}
