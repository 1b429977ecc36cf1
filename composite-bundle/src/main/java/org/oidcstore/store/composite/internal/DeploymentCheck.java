package org.oidcstore.store.composite.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.composite.StaticClientDeclaration;

/**
 * Judges a CDI deployment from what the extension collected (the backends' beans, never created)
 * and the configuration: the routing, the unsafe settings, the configuration problems the backends'
 * checks find, and the risks they acknowledge. Pure: no backend is created, nothing connects.
 */
final class DeploymentCheck {

    /**
     * @param problems every problem, each once, in the validator's order
     * @param warnings the acknowledged risks to log once (OIDCS-2062)
     */
    record Result(List<String> problems, List<String> warnings, RoutingPlan plan,
            List<StaticClientDeclaration> staticClients) {
    }

    private DeploymentCheck() {
    }

    static Result run(ConfigLookup lookup, Collection<BackendBeans> found, List<String> staticClientBeans,
            List<RoutingFacts.UnnamedBackend> unnamedBackends) {
        CompositeConfig config = CompositeConfig.read(lookup);
        RoutingFacts.Builder facts = config.routing(RoutingFacts.builder(RoutingFacts.Origin.DEPLOYMENT));
        SafetyChecks safety = new SafetyChecks();
        // sorted, so that messages do not depend on the order in which beans were processed
        List<BackendBeans> sorted = found.stream()
                .sorted(Comparator.comparing(BackendBeans::tier).thenComparing(BackendBeans::name)).toList();
        Map<BackendBeans, List<String>> reported = new LinkedHashMap<>();
        sorted.forEach(b -> reported.put(b, safety.unsafeSettings(b.name(), lookup)));
        sorted.forEach(b -> facts.backend(b.facts(CompositeConfig.ownUnsafe(reported.get(b)))));
        config.sharedUnsafe(reported.values()).forEach(facts::sharedUnsafeSetting);
        staticClientBeans.forEach(facts::staticClientDeclared);
        unnamedBackends.forEach(u -> facts.unnamedBackend(u.tier(), u.bean()));
        LinkedHashSet<String> warnings = new LinkedHashSet<>(config.acknowledgedRisks(reported.values()));
        for (BackendBeans b : sorted) {
            if (b.aggregateBeans().size() > 1) {
                facts.ambiguousBackend(b.name(), b.tier(), b.aggregateBeans());
            }
            safety.problems(b.name(), lookup).forEach(facts::reportedProblem);
            String label = b.facts(List.of()).label();
            safety.acknowledgedRisks(b.name(), lookup)
                    .forEach(r -> warnings.add(CompositeConfig.backendRisk(label, r)));
        }
        RoutingPlan plan = RoutingValidator.validate(facts.build());
        return new Result(plan.problems().stream().map(RoutingProblem::message).toList(), List.copyOf(warnings),
                plan, config.staticClients().declarations());
    }
}
