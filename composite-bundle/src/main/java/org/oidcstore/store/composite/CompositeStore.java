package org.oidcstore.store.composite;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.internal.ConfigLookup;
import org.oidcstore.store.spi.ExpiredRecordsPurged;
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
     * Builds a composite for Java SE and OSGi, validated as a CDI deployment is (same reader of the
     * configuration, same {@link RoutingValidator}, same problems in the same order). Two styles,
     * which do not mix:
     *
     * <pre>{@code
     * // by tier, routed exactly like a CDI deployment (the configuration, when given, is the whole
     * // configuration: without a pepper build() reports OIDCS-2061):
     * CompositeStore.builder().withTier(StoreTier.DURABLE, jpa).withTier(StoreTier.VOLATILE, memory)
     *         .config(Map.of("oidc.store.sessions.durability", "volatile", "oidc.store.secret-pepper", pepper))
     *         .build();
     * // a tier's backend created from the same configuration, once it was judged sound:
     * CompositeStore.builder().config(properties)
     *         .withTier(StoreTier.VOLATILE, "redis", () -> RedisStores.openAtFirstUse(RedisSettings.fromConfig(c), clock))
     *         .build();
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
        private final Map<StoreTier, List<CompositeBuild.Slot>> tiers = new EnumMap<>(StoreTier.class);
        private final List<ConfigLookup> configs = new ArrayList<>();
        private SessionDurability posture;
        private Object metricRegistry;
        private String kinds;
        private Set<StoreKind> defaultKinds;

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
            Objects.requireNonNull(store, "store");
            List<CompositeBuild.Slot> list = tiers.computeIfAbsent(Objects.requireNonNull(tier, "tier"),
                    t -> new ArrayList<>());
            if (list.stream().noneMatch(s -> s.store() == store)) {
                list.add(new CompositeBuild.Slot(store, store.backend(), null));
            }
            return this;
        }

        /**
         * The backend of {@code tier}, created by {@link #build()} from the same configuration as the
         * composite (as the OSGi service does): the configuration given to {@link #config} is judged
         * first as a deployment judges it — the composite's keys and the shared settings, and the
         * problems and unsafe settings that the {@code ConfigSafetyCheck} of {@code backend} finds in
         * it — and {@code factory} is called only when nothing is wrong, so that every problem is
         * reported at once and no backend is created from a configuration that cannot work. A
         * created store that is {@link AutoCloseable} is closed when the routing is then refused.
         *
         * @param backend the name the created store has ({@code OidcStore.backend()})
         */
        public Builder withTier(StoreTier tier, String backend, Supplier<? extends OidcStore> factory) {
            tiers.computeIfAbsent(Objects.requireNonNull(tier, "tier"), t -> new ArrayList<>())
                    .add(new CompositeBuild.Slot(null, Objects.requireNonNull(backend, "backend"),
                            Objects.requireNonNull(factory, "factory")));
            return this;
        }

        /**
         * The kinds this composite hosts (default: all twelve), e.g. only the volatile kinds for an
         * OSGi service over the memory or Redis tier. Only these kinds are routed and validated (the
         * cluster rules apply to the listed cluster kinds only); the accessors of the others throw
         * {@code StoreConfigurationException} OIDCS-1002. Overrides {@code oidc.store.kinds} in
         * {@link #config}.
         */
        public Builder kinds(Set<StoreKind> hosted) {
            kinds = hosted.stream().map(StoreKind::configName).collect(Collectors.joining(","));
            return this;
        }

        /**
         * The kinds hosted when neither {@link #kinds} nor {@code oidc.store.kinds} lists them
         * (instead of all twelve), with {@code SESSIONS} added when the session posture is
         * {@code volatile}: the OSGi service, which has no durable tier, hosts the volatile kinds.
         */
        public Builder defaultKinds(Set<StoreKind> hosted) {
            defaultKinds = hosted.isEmpty() ? EnumSet.noneOf(StoreKind.class) : EnumSet.copyOf(hosted);
            return this;
        }

        /**
         * The configuration, by property name, read exactly as a deployment reads MicroProfile
         * Config: every key in every spelling ({@code oidc.store.sessions.durability} or
         * {@code OIDC_STORE_SESSIONS_DURABILITY}), misspelt keys reported. Pass the whole
         * configuration: the routing keys, {@code oidc.store.kinds}, the posture, the shared settings
         * ({@code oidc.store.secret-pepper} — without one, {@code build()} reports OIDCS-2061 unless
         * {@code oidc.store.dev-mode-allow-unpeppered-digests=true}), static clients; keys of the
         * backends are left to them. A later call overrides the keys of an earlier one.
         */
        public Builder config(Map<String, String> properties) {
            configs.add(ConfigLookup.of(properties));
            return this;
        }

        /**
         * The configuration from any configuration source, read as {@link #config(Map)} reads it.
         * With MicroProfile Config: {@code config(c.getPropertyNames(), k -> c.getOptionalValue(k, String.class))}.
         */
        public Builder config(Iterable<String> propertyNames, Function<String, Optional<String>> lookup) {
            configs.add(ConfigLookup.of(propertyNames, lookup));
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
         * Validates the configuration and the routing and builds the composite. Acknowledged risks
         * (the backends' dev-mode flags, unpeppered digests) are logged once as WARNING OIDCS-2062.
         * Without {@link #config}, only what the stores report about themselves is judged.
         *
         * @throws StoreConfigurationException listing every problem, each line starting with its id
         * @throws IllegalStateException when {@code withDefault} and {@code withTier} are mixed
         */
        public CompositeStore build() {
            if (defaultStore != null && !tiers.isEmpty()) {
                throw new IllegalStateException("withDefault(store) and withTier(tier, store) do not mix: route by"
                        + " tier (withTier + config) or by store (withDefault + with)");
            }
            return CompositeBuild.build(new CompositeBuild.Input(defaultStore, bound, tiers, configs, posture,
                    metricRegistry, kinds, defaultKinds));
        }
    }
}
