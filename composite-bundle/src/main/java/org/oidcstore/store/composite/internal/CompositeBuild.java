package org.oidcstore.store.composite.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.internal.RoutingFacts.Origin;
import org.oidcstore.store.composite.internal.metrics.CommitHook;
import org.oidcstore.store.composite.internal.metrics.MeteredStores;
import org.oidcstore.store.composite.internal.metrics.MetricsSupport;
import org.oidcstore.store.composite.internal.metrics.TimerSampling;
import org.oidcstore.store.tier.StoreTier;

/**
 * {@code CompositeStores.Builder.build()}: judges the builder's configuration and stores as the CDI
 * extension judges a deployment (same reader, same rules, same order of problems), then builds.
 * Backends given as factories are created only after their configuration passed.
 */
public final class CompositeBuild {
    private static final System.Logger LOG = System.getLogger(CompositeStore.class.getName());

    /** A tier's backend: a store, or the name and factory of one the build creates. */
    public record Slot(OidcStore store, String backend, Supplier<? extends OidcStore> factory) {
    }

    public record Input(Map<StoreKind, OidcStore> bound, Map<StoreTier, List<Slot>> tiers,
            List<ConfigLookup> configs, SessionDurability posture, Object metricRegistry, Integer timerSampling,
            String kinds,
            Set<StoreKind> defaultKinds) {
    }

    private final Input in;
    private final CompositeConfig config;
    private final SafetyChecks checks;
    private final Map<Slot, OidcStore> created = new LinkedHashMap<>();
    /** What the checks of the backends given as factories find in the configuration. */
    private final List<String> factoryProblems = new ArrayList<>();

    private CompositeBuild(Input in) {
        this.in = in;
        this.config = in.configs().isEmpty() ? CompositeConfig.absent()
                : CompositeConfig.read(ConfigLookup.layered(in.configs()));
        // in OSGi, a backend bundle's own class loader is the one that sees its ConfigSafetyCheck
        List<ClassLoader> loaders = new ArrayList<>();
        slots().forEach(s -> loaders.add((s.store() != null ? s.store() : s.factory()).getClass().getClassLoader()));
        in.bound().values().forEach(s -> loaders.add(s.getClass().getClassLoader()));
        this.checks = new SafetyChecks(loaders.stream().filter(l -> l != null).distinct().toList());
    }

    public static CompositeStore build(Input in) {
        return new CompositeBuild(in).build();
    }

    private CompositeStore build() {
        slots().stream().filter(s -> s.factory() != null)
                .forEach(s -> factoryProblems.addAll(checks.problems(s.backend(), config.lookup())));
        if (slots().stream().anyMatch(s -> s.factory() != null)) {
            // judged before any backend is created from this configuration
            Judged before = judge();
            List<String> problems = messages(RoutingValidator.validate(before.facts()));
            if (!problems.isEmpty()) {
                warn(before);
                throw refused(problems);
            }
            create();
        }
        Judged after = judge();
        warn(after);
        RoutingPlan plan = RoutingValidator.validate(after.facts());
        List<String> problems = messages(plan);
        if (!problems.isEmpty()) {
            closeCreated();
            throw refused(problems);
        }
        LOG.log(System.Logger.Level.INFO, "oidc-store routing (kind, tier, backend, reason):" + plan.table());
        Map<BackendFacts, OidcStore> handles = new HashMap<>();
        after.stores().forEach((store, b) -> handles.put(b, store));
        MeteredStores metered = new MeteredStores(MetricsSupport.forRegistry(in.metricRegistry()),
                CommitHook.IMMEDIATE, plan.sessionDurability(),
                in.timerSampling() != null ? new TimerSampling(in.timerSampling()) : config.timerSampling().orElse(null));
        return new RoutedStore(plan, handles, metered);
    }

    /**
     * The facts judged; the facts of each store instance; what each backend reported as unsafe;
     * the backends present, label to backend name (for their acknowledged risks).
     */
    private record Judged(RoutingFacts facts, Map<OidcStore, BackendFacts> stores, List<List<String>> reported,
            Map<String, String> present) {
    }

    /** The facts of the configuration and of every backend (a factory not yet created by name only). */
    private Judged judge() {
        RoutingFacts.Builder f = config.routing(RoutingFacts.builder(Origin.BUILDER));
        f.kinds(hosted());
        f.sessionDurability(in.posture() != null ? in.posture().configName() : config.posture().orElse(null));
        Judged j = new Judged(null, new IdentityHashMap<>(), new ArrayList<>(), new LinkedHashMap<>());
        Map<String, Integer> names = new HashMap<>();
        // names in the order stores were given their role: tiers, then bound (a second
        // instance of a backend is then the bound one: 'jpa#2')
        in.tiers().forEach((tier, slots) -> slots.forEach(slot -> {
            OidcStore store = slot.store() != null ? slot.store() : created.get(slot);
            List<String> unsafe = new ArrayList<>(store != null ? store.unsafeSettings() : List.of());
            if (slot.factory() != null) {
                // configured from this configuration: its check judges it, as in a deployment
                unsafe.addAll(checks.unsafeSettings(slot.backend(), config.lookup()));
            }
            f.backend(store != null ? facts(j, names, store, tier, unsafe) : standIn(j, slot, tier, unsafe));
        }));
        in.bound().forEach((kind, s) -> f.bind(kind, facts(j, names, s, tierOf(s), s.unsafeSettings())));
        config.sharedUnsafe(j.reported()).forEach(f::sharedUnsafeSetting);
        factoryProblems.forEach(f::reportedProblem);
        return new Judged(f.build(), j.stores(), j.reported(), j.present());
    }

    /**
     * A backend the build has not created yet: its name and tier, what its check reports, and, for
     * what only the created store can tell (the kinds it hosts, transactional, a reconciler), the
     * answer that raises no problem: rules 2020, 2040 and 2111 are judged once it exists.
     */
    private static BackendFacts standIn(Judged j, Slot slot, StoreTier tier, List<String> unsafe) {
        BackendFacts b = new BackendFacts(slot.backend(), tier, EnumSet.allOf(StoreKind.class), true, true,
                CompositeConfig.ownUnsafe(unsafe.stream().distinct().toList()), "builder");
        j.reported().add(unsafe);
        j.present().put(b.label(), slot.backend());
        return b;
    }

    /** {@code kinds(..)}, else {@code oidc.store.kinds}, else the default kinds (sessions added if volatile). */
    private String hosted() {
        if (in.kinds() != null) {
            return in.kinds();
        }
        if (config.kinds().isPresent() || in.defaultKinds() == null) {
            return config.kinds().orElse(null);
        }
        Set<StoreKind> kinds = in.defaultKinds().isEmpty() ? EnumSet.noneOf(StoreKind.class)
                : EnumSet.copyOf(in.defaultKinds());
        SessionDurability posture = in.posture() != null ? in.posture()
                : config.posture().flatMap(RouteKeys::posture).orElse(SessionDurability.DURABLE);
        if (posture == SessionDurability.VOLATILE) {
            DerivedKinds.postureRouted().ifPresent(kinds::add);
        }
        return kinds.stream().map(StoreKind::configName).collect(Collectors.joining(","));
    }

    private void create() {
        for (Slot slot : slots()) {
            if (slot.factory() == null) {
                continue;
            }
            OidcStore store;
            try {
                store = slot.factory().get();
            } catch (RuntimeException e) {
                closeCreated();
                throw e;
            }
            created.put(slot, store);
            if (store == null || !store.backend().equals(slot.backend())) {
                closeCreated();
                throw new IllegalStateException("the factory given for backend '" + slot.backend() + "' created "
                        + (store == null ? "nothing" : "backend '" + store.backend() + "'")
                        + "; name the backend the factory creates");
            }
        }
    }

    /** Logs the acknowledged risks, each once, as WARNING OIDCS-2062. */
    private void warn(Judged judged) {
        Set<String> warnings = new LinkedHashSet<>(config.acknowledgedRisks(judged.reported()));
        judged.present().forEach((label, backend) -> checks.acknowledgedRisks(backend, config.lookup())
                .forEach(r -> warnings.add(CompositeConfig.backendRisk(label, r))));
        warnings.forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
    }

    private static List<String> messages(RoutingPlan plan) {
        return plan.problems().stream().map(RoutingProblem::message).toList();
    }

    private static StoreConfigurationException refused(List<String> problems) {
        return new StoreConfigurationException(problems.size() + " problem(s) in the oidc-store configuration:\n"
                + String.join("\n", problems));
    }

    private void closeCreated() {
        created.values().forEach(s -> {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // the build is failing for the reason thrown; a failed close adds nothing to it
                }
            }
        });
    }

    private List<Slot> slots() {
        return in.tiers().values().stream().flatMap(List::stream).toList();
    }

    private StoreTier tierOf(OidcStore store) {
        for (Map.Entry<StoreTier, List<Slot>> e : in.tiers().entrySet()) {
            if (e.getValue().stream().anyMatch(s -> s.store() == store)) {
                return e.getKey();
            }
        }
        return store.transactional() ? StoreTier.DURABLE : StoreTier.VOLATILE;
    }

    /**
     * One facts record per store instance (a second instance of a backend is named {@code jpa#2}),
     * with its own unsafe settings; what it reported, shared settings included, is kept for the
     * shared judgement.
     */
    private static BackendFacts facts(Judged j, Map<String, Integer> names, OidcStore store, StoreTier tier,
            List<String> unsafe) {
        return j.stores().computeIfAbsent(store, s -> {
            int n = names.merge(s.backend(), 1, Integer::sum);
            BackendFacts b = BackendFacts.of(s, n == 1 ? s.backend() : s.backend() + "#" + n, tier);
            List<String> all = unsafe.stream().distinct().toList();
            j.reported().add(all);
            BackendFacts own = new BackendFacts(b.name(), b.tier(), b.kinds(), b.transactional(),
                    b.staticClientReconciler(), CompositeConfig.ownUnsafe(all), b.origin());
            j.present().put(own.label(), s.backend());
            return own;
        });
    }
}
