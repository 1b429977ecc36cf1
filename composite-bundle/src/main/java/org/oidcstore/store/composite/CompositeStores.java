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
import org.oidcstore.store.StaticClientReconciler.ReconcileReport;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.internal.CompositeBuild;
import org.oidcstore.store.composite.internal.ConfigLookup;
import org.oidcstore.store.composite.internal.StaticClients;
import org.oidcstore.store.composite.internal.metrics.TimerSampling;
import org.oidcstore.store.tier.StoreTier;

/**
 * Builds a {@link CompositeStore} in Java SE and OSGi ({@link #builder()}) and seeds static clients
 * into one ({@link #staticClients}, {@link #seedStaticClients}). In CDI the composite is a bean and
 * static clients are seeded at start-up: nothing here is needed.
 */
public final class CompositeStores {

    private CompositeStores() {
    }

    /** A builder of a composite, validated as a CDI deployment is. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The static clients declared under {@code oidc.store.static-clients.<client-id>.*} in
     * {@code properties} (property name to value, e.g. a loaded {@code .properties} file).
     *
     * @throws StoreConfigurationException listing every problem (OIDCS-2110), without secrets
     */
    public static List<StaticClientDeclaration> staticClients(Map<String, String> properties) {
        return StaticClients.fromConfig(properties);
    }

    /**
     * Reconciles {@code declared} with the store's Clients backend, all or nothing (a Java SE
     * application calls it after building the composite).
     *
     * @return what was inserted and what was already up to date
     * @throws StoreConfigurationException OIDCS-2111 when the Clients backend is read-only,
     *     OIDCS-2113 when two declarations share a client id, OIDCS-2112 when a stored client
     *     differs from its declaration (nothing is written; the message names the client ids)
     */
    public static ReconcileReport seedStaticClients(OidcStore store, List<StaticClientDeclaration> declared) {
        return StaticClients.seed(store, declared);
    }


    /**
     * Builds a composite for Java SE and OSGi, validated as a CDI deployment is (same reader of the
     * configuration, same validator, same problems in the same order). One routing style: each tier
     * gets its backend, kinds are routed to tiers as in a deployment, and {@code with(kind, store)}
     * binds a single kind to a store of its own:
     *
     * <pre>{@code
     * // the configuration, when given, is the whole configuration: without a pepper build() reports OIDCS-2061
     * CompositeStores.builder().withTier(StoreTier.DURABLE, jpa).withTier(StoreTier.VOLATILE, memory)
     *         .config(Map.of("oidc.store.sessions.durability", "volatile", "oidc.store.secret-pepper", pepper))
     *         .build();
     * // a tier's backend created from the same configuration, once it was judged sound:
     * CompositeStores.builder().config(properties)
     *         .withTier(StoreTier.VOLATILE, "redis", () -> RedisStores.openAtFirstUse(RedisSettings.fromConfig(c), clock))
     *         .build();
     * // one kind on a store of its own (here: clients read from a directory)
     * CompositeStores.builder().withTier(StoreTier.DURABLE, jpa).withTier(StoreTier.VOLATILE, memory)
     *         .with(StoreKind.CLIENTS, ldap).build();
     * }</pre>
     *
     * A store bound with {@code with(kind, store)} that is no tier's backend counts (for the routing
     * table, the metrics and the posture) as durable when it is transactional, else volatile.
     */
    public static final class Builder {
        private final Map<StoreKind, OidcStore> bound = new EnumMap<>(StoreKind.class);
        private final Map<StoreTier, List<CompositeBuild.Slot>> tiers = new EnumMap<>(StoreTier.class);
        private final List<ConfigLookup> configs = new ArrayList<>();
        private SessionDurability posture;
        private Object metricRegistry;
        private Integer timerSampling;
        private String kinds;
        private Set<StoreKind> defaultKinds;

        private Builder() {
        }

        /** Binds {@code kind} to {@code store}, whatever its tier (reads and writes of the kind go there only). */
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
         * The kinds this composite hosts (default: every kind), e.g. only the volatile kinds for an
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
         * (instead of every kind), with {@code SESSIONS} added when the session posture is
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
         * or an {@code io.micrometer.core.instrument.MeterRegistry} (the same names, types and tags in
         * either; typed {@code Object} so that this class loads where neither API is present). Any other
         * object disables metrics with a WARNING.
         */
        public Builder metricRegistry(Object registry) {
            this.metricRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Times one store call in {@code oneIn} into {@code oidc_store_operation_seconds}, chosen at
         * random (overrides {@code oidc.store.metrics.timer-sampling} in {@link #config}; default: every call on
         * the durable tier, one in 32 on the volatile tier);
         * 1 times every call. The counters count every call whatever the value.
         *
         * @param oneIn from 1 to 1024
         * @throws IllegalArgumentException otherwise
         */
        public Builder metricsTimerSampling(int oneIn) {
            this.timerSampling = new TimerSampling(oneIn).oneIn();
            return this;
        }

        /**
         * Validates the configuration and the routing and builds the composite. Acknowledged risks
         * (the backends' dev-mode flags, unpeppered digests) are logged once as WARNING OIDCS-2062.
         * Without {@link #config}, only what the stores report about themselves is judged.
         *
         * @throws StoreConfigurationException listing every problem, each line starting with its id
         */
        public CompositeStore build() {
            return CompositeBuild.build(new CompositeBuild.Input(bound, tiers, configs, posture,
                    metricRegistry, timerSampling, kinds, defaultKinds));
        }
    }
}
