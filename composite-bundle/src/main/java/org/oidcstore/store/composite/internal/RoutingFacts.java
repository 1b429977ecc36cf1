package org.oidcstore.store.composite.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tier.StoreTier;

/**
 * Everything {@link RoutingValidator} judges: the routing configuration as written (raw strings, so
 * that a misspelt kind or tier is reported, never thrown), the backends present per tier, kinds
 * bound directly to a backend (builder only) and the declared static clients.
 *
 * @param origin who gathered the facts; it words the fixes (deploy a bundle vs. call a builder method)
 * @param routes configured routes by property name as written ({@code oidc.store.route.sessions},
 *     {@code OIDC_STORE_ROUTE_CONSUMED_JWT_IDS}, {@code oidc.store.route.default}) to the raw value
 * @param sessionDurability the raw value of {@code oidc.store.sessions.durability}; empty when unset
 * @param backends the backends present, each on its tier (CDI: found in bean metadata; builder:
 *     {@code withTier})
 * @param bindings kinds bound directly to a backend ({@code with(kind, store)} of the builder); empty in CDI
 * @param staticClients the declared static clients (client ids, or a description of a CDI bean)
 * @param kinds the raw value of {@code oidc.store.kinds} (a comma list of kinds in kebab case, or
 *     the builder's {@code kinds(..)}): the kinds the composite hosts; empty when unset, which
 *     means every kind
 * @param sharedUnsafeSettings unsafe, unacknowledged settings of the configuration every backend
 *     shares (no {@code oidc.store.secret-pepper}), each a sentence naming the key; reported once
 *     (OIDCS-2061), however many backends are concerned
 * @param unnamedBackends tier aggregate beans without {@code @BackendInfo} (CDI only, OIDCS-2072)
 * @param ambiguousBackends backends offering their aggregate through several beans (CDI only, OIDCS-2071)
 * @param misspeltKeys configuration names within two edits of a known key, as written, to that key
 *     in the same spelling (OIDCS-2007)
 * @param reportedProblems problems other parts found and worded, each starting with its id, in the
 *     order found: the shared settings (OIDCS-1010 … 1014), the static-client declarations (2110),
 *     the backends' {@code ConfigSafetyCheck}s (their own ids)
 */
public record RoutingFacts(
        Origin origin,
        Map<String, String> routes,
        Optional<String> sessionDurability,
        List<BackendFacts> backends,
        Map<StoreKind, Binding> bindings,
        List<String> staticClients,
        Optional<String> kinds,
        List<String> sharedUnsafeSettings,
        List<UnnamedBackend> unnamedBackends,
        List<AmbiguousBackend> ambiguousBackends,
        Map<String, String> misspeltKeys,
        List<String> reportedProblems) {

    /** Who gathered the facts. */
    public enum Origin {
        /** The CDI extension, from bean metadata and MicroProfile Config. */
        DEPLOYMENT,
        /** {@code CompositeStores.builder()}. */
        BUILDER
    }

    /**
     * A kind bound directly to a backend by the builder.
     *
     * @param backend the backend
     */
    public record Binding(BackendFacts backend) {
        public Binding {
            Objects.requireNonNull(backend, "backend");
        }
    }

    /**
     * An {@code OidcStore} bean of a tier whose producer carries no {@code @BackendInfo}.
     *
     * @param tier its tier
     * @param bean the bean, described (class and member)
     */
    public record UnnamedBackend(StoreTier tier, String bean) {
    }

    /**
     * A backend offering its aggregate through several beans of its tier.
     *
     * @param name the backend's name
     * @param tier its tier
     * @param beans the beans, described
     */
    public record AmbiguousBackend(String name, StoreTier tier, List<String> beans) {
        public AmbiguousBackend {
            beans = List.copyOf(beans);
        }
    }

    public RoutingFacts {
        Objects.requireNonNull(origin, "origin");
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        Objects.requireNonNull(sessionDurability, "sessionDurability");
        backends = List.copyOf(backends);
        EnumMap<StoreKind, Binding> b = new EnumMap<>(StoreKind.class);
        b.putAll(bindings);
        bindings = Collections.unmodifiableMap(b);
        staticClients = List.copyOf(staticClients);
        Objects.requireNonNull(kinds, "kinds");
        sharedUnsafeSettings = List.copyOf(sharedUnsafeSettings);
        unnamedBackends = List.copyOf(unnamedBackends);
        ambiguousBackends = List.copyOf(ambiguousBackends);
        misspeltKeys = Collections.unmodifiableMap(new LinkedHashMap<>(misspeltKeys));
        reportedProblems = List.copyOf(reportedProblems);
    }

    /** The backends present on {@code tier}. */
    public List<BackendFacts> backendsOf(StoreTier tier) {
        return backends.stream().filter(b -> b.tier() == tier).toList();
    }

    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    /** Assembles facts step by step (the CDI extension, the composite builder, tests). */
    public static final class Builder {
        private final Origin origin;
        private final Map<String, String> routes = new LinkedHashMap<>();
        private String sessionDurability;
        private final List<BackendFacts> backends = new ArrayList<>();
        private final Map<StoreKind, Binding> bindings = new EnumMap<>(StoreKind.class);
        private final List<String> staticClients = new ArrayList<>();
        private String kinds;
        private final List<String> sharedUnsafeSettings = new ArrayList<>();
        private final List<UnnamedBackend> unnamedBackends = new ArrayList<>();
        private final List<AmbiguousBackend> ambiguousBackends = new ArrayList<>();
        private final Map<String, String> misspeltKeys = new LinkedHashMap<>();
        private final List<String> reportedProblems = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
        }

        /** A configured route, e.g. {@code route("oidc.store.route.sessions", "volatile")}. */
        public Builder route(String propertyName, String rawValue) {
            routes.put(Objects.requireNonNull(propertyName, "propertyName"), Objects.requireNonNull(rawValue, "rawValue"));
            return this;
        }

        public Builder routes(Map<String, String> all) {
            all.forEach(this::route);
            return this;
        }

        /** The raw value of {@code oidc.store.sessions.durability}; {@code null} for unset. */
        public Builder sessionDurability(String rawValue) {
            sessionDurability = rawValue;
            return this;
        }

        public Builder backend(BackendFacts backend) {
            backends.add(Objects.requireNonNull(backend, "backend"));
            return this;
        }

        /** A kind bound to a backend with the builder's {@code with(kind, store)}. */
        public Builder bind(StoreKind kind, BackendFacts backend) {
            bindings.put(Objects.requireNonNull(kind, "kind"), new Binding(backend));
            return this;
        }

        /** A declared static client: its client id, or a description of the CDI bean declaring some. */
        public Builder staticClientDeclared(String description) {
            staticClients.add(Objects.requireNonNull(description, "description"));
            return this;
        }

        /**
         * The raw value of {@code oidc.store.kinds}: the kinds the composite hosts, a comma list in
         * kebab case; {@code null} for unset (every kind).
         */
        public Builder kinds(String rawValue) {
            kinds = rawValue;
            return this;
        }

        /** An unsafe, unacknowledged setting of the shared configuration (reported as OIDCS-2061). */
        public Builder sharedUnsafeSetting(String sentence) {
            sharedUnsafeSettings.add(Objects.requireNonNull(sentence, "sentence"));
            return this;
        }

        /** An aggregate bean of {@code tier} without {@code @BackendInfo} (OIDCS-2072). */
        public Builder unnamedBackend(StoreTier tier, String bean) {
            unnamedBackends.add(new UnnamedBackend(tier, bean));
            return this;
        }

        /** A backend offering its aggregate through several beans (OIDCS-2071). */
        public Builder ambiguousBackend(String name, StoreTier tier, List<String> beans) {
            ambiguousBackends.add(new AmbiguousBackend(name, tier, beans));
            return this;
        }

        /** A configuration name that misspells {@code key} (OIDCS-2007). */
        public Builder misspeltKey(String name, String key) {
            misspeltKeys.put(name, key);
            return this;
        }

        /** A problem another part found and worded, starting with its id. */
        public Builder reportedProblem(String problem) {
            reportedProblems.add(Objects.requireNonNull(problem, "problem"));
            return this;
        }

        public RoutingFacts build() {
            return new RoutingFacts(origin, routes, Optional.ofNullable(sessionDurability), backends, bindings,
                    staticClients, Optional.ofNullable(kinds), sharedUnsafeSettings, unnamedBackends,
                    ambiguousBackends, misspeltKeys, reportedProblems);
        }
    }
}
