package org.oidcstore.store.composite.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.Route;
import org.oidcstore.store.composite.SessionDurability;

/**
 * The outcome of {@link RoutingValidator#validate}: every problem found, in rule order, and (for
 * the kinds that could be placed) where each kind is served.
 *
 * @param problems every problem, in the validator's rule order; empty when the routing is valid
 * @param routes the routing table: kind to tier and backend, for every kind that could be placed
 * @param backends the backend serving each kind in {@code routes}
 * @param sessionDurability the effective session durability posture
 */
public record RoutingPlan(
        List<RoutingProblem> problems,
        Map<StoreKind, Route> routes,
        Map<StoreKind, BackendFacts> backends,
        SessionDurability sessionDurability) {

    public RoutingPlan {
        problems = List.copyOf(problems);
        routes = Collections.unmodifiableMap(routes.isEmpty() ? new EnumMap<>(StoreKind.class) : new EnumMap<>(routes));
        backends = Collections.unmodifiableMap(backends.isEmpty() ? new EnumMap<>(StoreKind.class)
                : new EnumMap<>(backends));
    }

    /** Whether the routing has no problem (and then every hosted kind has a route). */
    public boolean valid() {
        return problems.isEmpty();
    }

    /** The ids of the problems, in order. */
    public List<String> problemIds() {
        return problems.stream().map(RoutingProblem::id).toList();
    }

    /** The backend hosting the transactional cluster, when the cluster sits on exactly one. */
    public Optional<BackendFacts> anchor() {
        List<BackendFacts> anchors = StoreKind.TRANSACTIONAL_CLUSTER.stream().map(backends::get)
                .filter(b -> b != null).distinct().toList();
        return anchors.size() == 1 ? Optional.of(anchors.get(0)) : Optional.empty();
    }

    /**
     * Returns this plan when valid.
     *
     * @throws StoreConfigurationException listing every problem, one per line, each starting with its id
     */
    public RoutingPlan orThrow() {
        if (!valid()) {
            throw new StoreConfigurationException(problems.size() + " problem(s) in the oidc-store routing:\n"
                    + problems.stream().map(RoutingProblem::message).collect(Collectors.joining("\n")));
        }
        return this;
    }

    /** The routing table as text, one kind per line, for logs. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        for (Route r : routes.values()) {
            sb.append(String.format("%n  %-30s %-9s %-10s %s", r.kind().configName(), r.tier().configName(),
                    r.backend(), r.reason()));
        }
        sb.append(String.format("%n  session durability posture: %s", sessionDurability.configName()));
        return sb.toString();
    }
}
