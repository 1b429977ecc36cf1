package org.oidcstore.store.composite.internal;

import java.util.ArrayList;
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
     * @param problems every problem, each once, in the order of {@link CompositeConfig#report}
     * @param warnings the acknowledged risks to log once (OIDCS-2062)
     */
    record Result(List<String> problems, List<String> warnings, RoutingPlan plan,
            List<StaticClientDeclaration> staticClients) {
    }

    private DeploymentCheck() {
    }

    static Result run(ConfigLookup lookup, Collection<BackendBeans> found, List<String> staticClientBeans,
            List<String> unnamedBackends) {
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
        RoutingPlan plan = RoutingValidator.validate(facts.build());

        List<String> census = new ArrayList<>(unnamedBackends);
        List<String> backendProblems = new ArrayList<>();
        LinkedHashSet<String> warnings = new LinkedHashSet<>(config.acknowledgedRisks(reported.values()));
        for (BackendBeans b : sorted) {
            census.addAll(b.ambiguities());
            backendProblems.addAll(safety.problems(b.name(), lookup));
            String label = b.facts(List.of()).label();
            safety.acknowledgedRisks(b.name(), lookup)
                    .forEach(r -> warnings.add(CompositeConfig.backendRisk(label, r)));
        }
        return new Result(config.report(plan.problems(), census, backendProblems), List.copyOf(warnings), plan,
                config.staticClients().declarations());
    }
}
