package org.oidcstore.it.wildfly;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.tier.Durable;
import org.oidcstore.store.tier.Volatile;

/**
 * What a WildFly application adds to its own {@code WEB-INF/classes} to get the store's readiness
 * checks: WildFly's {@code microprofile-health-smallrye} subsystem looks the checks up through a
 * bean manager that does not see the beans of {@code WEB-INF/lib} jars, so the checks the composite
 * produces there are not collected (observed on 39.0.1; Payara collects them). Public API only:
 * each tier's backend and its {@code OidcStore.readiness()}.
 */
@ApplicationScoped
public class StoreHealthChecks {

    @Inject
    @Durable
    OidcStore durable;

    @Inject
    @Volatile
    OidcStore volatileTier;

    @Produces
    @Readiness
    HealthCheck durableReadiness() {
        return () -> response("oidc-store-durable", durable);
    }

    @Produces
    @Readiness
    HealthCheck volatileReadiness() {
        return () -> response("oidc-store-volatile", volatileTier);
    }

    private static HealthCheckResponse response(String name, OidcStore backend) {
        org.oidcstore.store.Readiness r = backend.readiness();
        return new HealthCheckResponse(name, r.ready() ? Status.UP : Status.DOWN,
                Optional.of(Map.of("backend", backend.backend(), "detail", r.detail())));
    }
}
