package org.oidcstore.store.composite.internal;

import jakarta.enterprise.inject.spi.Bean;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.composite.StaticClientDeclaration;

/**
 * The outcome of a valid CDI deployment, handed by {@link StoreRoutingExtension} to the composite's
 * beans ({@link CompositeProducer}, {@link StaticClientStartup}) as a bean of its own, so that they
 * need not know the extension: the routing plan, the static clients declared in the configuration,
 * and each routed backend's aggregate bean as seen during discovery.
 */
public final class ValidatedDeployment {
    private final RoutingPlan plan;
    private final List<StaticClientDeclaration> staticClients;
    private final Map<String, Bean<?>> aggregates;

    ValidatedDeployment(RoutingPlan plan, List<StaticClientDeclaration> staticClients,
            Map<String, Bean<?>> aggregates) {
        this.plan = plan;
        this.staticClients = List.copyOf(staticClients);
        this.aggregates = Map.copyOf(aggregates);
    }

    RoutingPlan plan() {
        return plan;
    }

    List<StaticClientDeclaration> staticClients() {
        return staticClients;
    }

    /**
     * The aggregate bean of {@code backend}, as seen during discovery: the composite reaches exactly
     * the beans it validated. Looking them up by type and qualifier from the composite's own beans
     * is not enough on every server: on Payara (GlassFish bean-archive visibility) the beans the
     * extension adds cannot resolve the backends' beans in other {@code WEB-INF/lib} jars.
     */
    Bean<?> aggregate(BackendFacts backend) {
        return aggregates.get(key(backend.tier().name(), backend.name()));
    }

    /** Each backend of the validated routing (once, in the plan's order) with its aggregate bean. */
    public Map<BackendFacts, Bean<?>> backendBeans() {
        Map<BackendFacts, Bean<?>> out = new LinkedHashMap<>();
        for (BackendFacts b : new LinkedHashSet<>(plan.backends().values())) {
            out.put(b, aggregate(b));
        }
        return out;
    }

    static String key(String tier, String name) {
        return tier + "/" + name;
    }
}
