package org.oidcstore.store.composite.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.Route;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.internal.RouteKeys.Configured;
import org.oidcstore.store.composite.internal.RoutingFacts.Binding;
import org.oidcstore.store.tier.StoreTier;

/**
 * Judges a routing: pure (no I/O, no CDI, no connection), used by {@link CompositeStores#builder()}
 * and by the CDI extension alike. It reports <b>every</b> problem, in this fixed rule order:
 *
 * <ol>
 *   <li>configuration that cannot be read: a route naming no kind (OIDCS-2001), a kind list
 *       ({@code oidc.store.kinds}) naming no kind, naming none, or leaving out a kind the builder
 *       binds (2005), a route value that is no tier (2002), a posture that is no posture (2003),
 *       two spellings of one route that disagree (2004);</li>
 *   <li>a kind routed to a tier that has no backend (2010) — kinds are never moved silently;</li>
 *   <li>a backend that does not host a kind routed to it (2020);</li>
 *   <li>the transactional cluster split across backends (2030);</li>
 *   <li>the cluster's anchor not transactional (2040);</li>
 *   <li>the session durability posture contradicting an explicit route of SESSIONS (2050);</li>
 *   <li>unsafe settings a backend reports, e.g. plaintext Redis without the dev-mode flag (2060), then
 *       those of the configuration every backend shares, e.g. no pepper (2061);</li>
 *   <li>more than one backend for a tier (2070);</li>
 *   <li>static clients declared while the composite does not host clients (2006) or the Clients
 *       backend cannot reconcile them (2111);</li>
 *   <li>the bean census (CDI): a tier's aggregate bean without {@code @BackendInfo} (2072), a backend
 *       offering its aggregate through several beans (2071);</li>
 *   <li>configuration names that misspell a known key (2007);</li>
 *   <li>what other parts found and worded, in the order found: the shared settings (1010 … 1014),
 *       the static-client declarations (2110), the backends' {@code ConfigSafetyCheck}s.</li>
 * </ol>
 *
 * Every problem is reported once, however many sources found it.
 *
 * <p><b>Hosted kinds.</b> A composite hosts every kind unless {@code oidc.store.kinds} (or
 * {@code CompositeStores.Builder.kinds}) lists fewer, e.g. a volatile-only composite in OSGi. Only
 * the listed kinds are placed and judged: rules 2–3 and 6 look at listed kinds only, and the
 * cluster rules (4–5) at the listed cluster kinds only (none listed: no anchor is needed). Routes of
 * unlisted kinds are still checked for spelling but place nothing. The composite's accessors of
 * unlisted kinds throw {@code Backends.notHosted} (OIDCS-1002).
 *
 * <p><b>Routing resolution</b> of a kind without a builder binding: its own route
 * ({@code oidc.store.route.<kind>}) &gt; for SESSIONS, an explicitly set posture
 * ({@code oidc.store.sessions.durability}) &gt; {@code oidc.store.route.default} when set &gt; the
 * kind's default tier ({@link StoreKind#defaultTier()}). The effective posture is the tier SESSIONS
 * ends up on. Kinds on a tier with several backends (2070) are not placed, so rules 3–5 are not
 * judged for them: which backend would serve is undefined until one is removed.
 */
public final class RoutingValidator {

    private RoutingValidator() {
    }

    /** Validates {@code facts}; never throws for a bad configuration, it reports it. */
    public static RoutingPlan validate(RoutingFacts facts) {
        return new Run(facts).run();
    }

    /** Where one kind goes; {@code backend} is null when its tier has none or several. */
    private record Placement(StoreKind kind, StoreTier tier, BackendFacts backend, Placed reason,
            Configured route, Binding binding) {
    }

    private static final class Run {
        private final RoutingFacts facts;
        private final RoutingText text;
        private final List<RoutingProblem> problems = new ArrayList<>();
        private final Map<StoreKind, Configured> kindRoutes;
        private final Configured defaultRoute;
        private final Optional<SessionDurability> posture;
        private final Set<StoreKind> hosted;
        private final Map<StoreKind, Placement> placements = new EnumMap<>(StoreKind.class);

        Run(RoutingFacts facts) {
            this.facts = facts;
            this.text = new RoutingText(facts);
            // Rule 1: read everything, reporting what cannot be read instead of throwing.
            RouteKeys.Parsed read = RouteKeys.parse(facts, text);
            problems.addAll(read.problems());
            this.kindRoutes = read.kindRoutes();
            this.defaultRoute = read.defaultRoute();
            this.posture = read.posture();
            this.hosted = read.hosted();
        }

        RoutingPlan run() {
            place();
            noBackendForTier();
            backendDoesNotHost();
            Set<BackendFacts> clusterBackends = clusterSplit();
            anchorNotTransactional(clusterBackends);
            postureContradictsRoute();
            unsafeSettings();
            severalBackendsPerTier();
            staticClientsWithoutReconciler();
            beanCensus();
            misspeltKeys();
            reportedProblems();
            return plan();
        }

        private void place() {
            for (StoreKind kind : hosted) {
                Binding binding = facts.bindings().get(kind);
                if (binding != null) {
                    Placed reason = new Placed(Placed.By.BINDING, "with(" + kind + ", store)");
                    placements.put(kind, new Placement(kind, binding.backend().tier(), binding.backend(), reason,
                            null, binding));
                    continue;
                }
                Configured route = kindRoutes.get(kind);
                StoreTier tier;
                Placed reason;
                if (route != null) {
                    tier = route.tier();
                    reason = new Placed(Placed.By.ROUTE, route.reason());
                } else if (kind.postureRouted() && posture.isPresent()) {
                    tier = posture.get().tier();
                    reason = new Placed(Placed.By.POSTURE,
                            ConfigKeys.SESSION_DURABILITY_KEY + "=" + posture.get().configName());
                } else if (defaultRoute != null) {
                    tier = defaultRoute.tier();
                    reason = new Placed(Placed.By.DEFAULT_ROUTE, defaultRoute.reason());
                } else {
                    tier = kind.defaultTier();
                    reason = new Placed(Placed.By.DEFAULT_TIER, "default tier");
                }
                List<BackendFacts> onTier = facts.backendsOf(tier);
                BackendFacts backend = onTier.size() == 1 ? onTier.get(0) : null;
                placements.put(kind, new Placement(kind, tier, backend, reason, route, null));
            }
        }

        // Rule 2
        private void noBackendForTier() {
            for (StoreTier tier : StoreTier.values()) {
                if (!facts.backendsOf(tier).isEmpty()) {
                    continue;
                }
                Map<StoreKind, Placed> stranded = new LinkedHashMap<>();
                placements.values().stream().filter(p -> p.backend() == null && p.tier() == tier)
                        .forEach(p -> stranded.put(p.kind(), p.reason()));
                if (!stranded.isEmpty()) {
                    problems.add(text.noBackend(tier, stranded, kindRoutes.keySet()));
                }
            }
        }

        // Rule 3
        private void backendDoesNotHost() {
            Map<BackendFacts, Map<StoreKind, Placed>> missing = new LinkedHashMap<>();
            for (Placement p : placements.values()) {
                if (p.backend() != null && !p.backend().kinds().contains(p.kind())) {
                    missing.computeIfAbsent(p.backend(), b -> new LinkedHashMap<>()).put(p.kind(), p.reason());
                }
            }
            missing.forEach((backend, kinds) -> problems.add(text.notHosted(backend, kinds)));
        }

        // Rule 4
        private Set<BackendFacts> clusterSplit() {
            Map<BackendFacts, Map<StoreKind, Placed>> byBackend = new LinkedHashMap<>();
            for (StoreKind kind : StoreKind.TRANSACTIONAL_CLUSTER) {
                Placement p = placements.get(kind);
                if (p != null && p.backend() != null) {
                    byBackend.computeIfAbsent(p.backend(), b -> new LinkedHashMap<>()).put(kind, p.reason());
                }
            }
            if (byBackend.size() > 1) {
                problems.add(text.clusterSplit(byBackend, kindRoutes.keySet()));
            }
            return new LinkedHashSet<>(byBackend.keySet());
        }

        // Rule 5
        private void anchorNotTransactional(Set<BackendFacts> clusterBackends) {
            if (clusterBackends.size() == 1) {
                BackendFacts anchor = clusterBackends.iterator().next();
                if (!anchor.transactional()) {
                    problems.add(text.anchorNotTransactional(anchor));
                }
            }
        }

        // Rule 6
        private void postureContradictsRoute() {
            if (posture.isEmpty()) {
                return;
            }
            SessionDurability p = posture.get();
            Placement sessions = DerivedKinds.postureRouted().map(placements::get).orElse(null);
            if (sessions == null) {
                return; // sessions are not hosted: the posture only tags nothing
            }
            Configured route = kindRoutes.get(sessions.kind());
            if (sessions.binding() != null && sessions.tier() != p.tier()) {
                problems.add(text.postureContradictsBinding(p, sessions.kind(), sessions.binding()));
            } else if (sessions.binding() == null && route != null && route.tier() != p.tier()) {
                problems.add(text.postureContradictsRoute(p, route.reason(), route.key()));
            }
        }

        // Rule 7
        private void unsafeSettings() {
            Set<BackendFacts> all = new LinkedHashSet<>(facts.backends());
            facts.bindings().values().forEach(b -> all.add(b.backend()));
            for (BackendFacts b : all) {
                for (String setting : b.unsafeSettings()) {
                    problems.add(text.unsafe(b, setting));
                }
            }
            facts.sharedUnsafeSettings().stream().distinct().forEach(s -> problems.add(text.unsafeShared(s)));
        }

        // Rule 8
        private void severalBackendsPerTier() {
            for (StoreTier tier : StoreTier.values()) {
                List<BackendFacts> onTier = facts.backendsOf(tier);
                if (onTier.size() > 1) {
                    problems.add(text.severalBackends(tier, onTier));
                }
            }
        }

        // Rule 9
        private void staticClientsWithoutReconciler() {
            if (facts.staticClients().isEmpty()) {
                return;
            }
            StoreKind host = DerivedKinds.staticClientHost().orElseThrow();
            Placement clients = placements.get(host);
            if (clients == null) {
                problems.add(StaticClients.notHostedProblem(facts.staticClients()));
                return;
            }
            if (clients.backend() != null && clients.backend().kinds().contains(host)
                    && !clients.backend().staticClientReconciler()) {
                problems.add(StaticClients.readOnlyProblem(clients.backend(), facts.staticClients()));
            }
        }

        // Rule 10
        private void beanCensus() {
            facts.unnamedBackends().forEach(b -> problems.add(RoutingText.unnamedBackend(b)));
            facts.ambiguousBackends().forEach(b -> problems.add(RoutingText.ambiguousBackend(b)));
        }

        // Rule 11
        private void misspeltKeys() {
            facts.misspeltKeys().forEach((name, key) -> problems.add(RoutingText.misspelt(name, key)));
        }

        // Rule 12
        private void reportedProblems() {
            facts.reportedProblems().forEach(p -> problems.add(RoutingProblem.reported(p)));
        }

        private RoutingPlan plan() {
            Map<StoreKind, Route> routes = new EnumMap<>(StoreKind.class);
            Map<StoreKind, BackendFacts> backends = new EnumMap<>(StoreKind.class);
            for (Placement p : placements.values()) {
                if (p.backend() != null) {
                    routes.put(p.kind(), new Route(p.kind(), p.tier(), p.backend().name(), p.reason().text()));
                    backends.put(p.kind(), p.backend());
                }
            }
            Placement sessions = DerivedKinds.postureRouted().map(placements::get).orElse(null);
            SessionDurability effective = sessions != null && sessions.backend() != null ? SessionDurability.of(sessions.tier())
                    : posture.orElse(SessionDurability.DURABLE);
            // each problem once: several sources may find the same (two backends' checks, a factory's check)
            Map<String, RoutingProblem> once = new LinkedHashMap<>();
            problems.forEach(p -> once.putIfAbsent(p.message(), p));
            return new RoutingPlan(List.copyOf(once.values()), routes, backends, effective);
        }
    }
}
