package org.oidcstore.store.composite.internal.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.oidcstore.store.composite.internal.health.HealthSupport.TierBackend;
import org.oidcstore.store.composite.internal.health.HealthSupport.TierStatus;
import org.oidcstore.store.tier.StoreTier;

/**
 * The MicroProfile Health beans, added as synthetic beans (loaded only through
 * {@link HealthSupport}, after the API was found). No class of this bundle implements
 * {@code HealthCheck}: the checks are lambdas, so bean discovery on a server without MP Health never
 * meets a class whose interface it cannot load.
 */
public final class MpHealthBeans {
    private MpHealthBeans() {
    }

    /** Called reflectively by {@link HealthSupport#addBeans}. */
    public static void addTo(AfterBeanDiscovery abd, Supplier<List<TierBackend>> backends) {
        for (StoreTier tier : StoreTier.values()) {
            abd.addBean().beanClass(MpHealthBeans.class).types(HealthCheck.class, Object.class)
                    .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE).scope(ApplicationScoped.class)
                    .id(MpHealthBeans.class.getName() + ".readiness." + tier.configName())
                    .createWith(cc -> (HealthCheck) () -> response(HealthSupport.readiness(tier, backends.get())));
        }
        abd.addBean().beanClass(MpHealthBeans.class).types(HealthCheck.class, Object.class)
                .qualifiers(Liveness.Literal.INSTANCE, Any.Literal.INSTANCE).scope(ApplicationScoped.class)
                .id(MpHealthBeans.class.getName() + ".liveness")
                .createWith(cc -> (HealthCheck) () -> new HealthCheckResponse("oidc-store", Status.UP, Optional.empty()));
    }

    /** Built with the spec's constructor: no {@code HealthCheckResponseProvider} is needed to build it. */
    private static HealthCheckResponse response(TierStatus s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backend", s.backend());
        data.put("detail", s.detail());
        return new HealthCheckResponse(s.check(), s.up() ? Status.UP : Status.DOWN, Optional.of(data));
    }
}
