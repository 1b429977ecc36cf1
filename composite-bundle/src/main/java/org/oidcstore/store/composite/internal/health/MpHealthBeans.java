package org.oidcstore.store.composite.internal.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
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
import org.oidcstore.store.composite.internal.ValidatedDeployment;
import org.oidcstore.store.composite.internal.health.HealthSupport.TierBackend;
import org.oidcstore.store.composite.internal.health.HealthSupport.TierStatus;
import org.oidcstore.store.tier.StoreTier;

/**
 * Produces the MicroProfile Health checks. Not a discovered bean (no bean-defining annotation):
 * {@link HealthSupport#register} adds it only after the API was found. No class of this bundle
 * implements {@code HealthCheck} (the checks are lambdas), so bean discovery on a server without MP
 * Health never meets a class whose interface it cannot load.
 */
public class MpHealthBeans {

    @Inject
    ValidatedDeployment deployment;

    @Inject
    BeanManager beanManager;

    /** {@code oidc-store-durable}: the durable backend's probe. */
    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck durableReadiness() {
        return () -> inApplication(() -> response(HealthSupport.readiness(StoreTier.DURABLE, backends())));
    }

    /** {@code oidc-store-volatile}: the volatile backend's probe. */
    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck volatileReadiness() {
        return () -> inApplication(() -> response(HealthSupport.readiness(StoreTier.VOLATILE, backends())));
    }

    /** {@code oidc-store}: up while the application runs; never touches an engine. */
    @Produces
    @Liveness
    @ApplicationScoped
    HealthCheck liveness() {
        return () -> new HealthCheckResponse("oidc-store", Status.UP, Optional.empty());
    }

    /**
     * Runs a probe with the application's class loader as the thread's context class loader. A
     * server calls health checks on threads of its own (Payara: its health servlet, with the
     * server's loader); a backend started lazily by its first call (Redis) reads MicroProfile Config
     * through that loader, and would not see the application's {@code microprofile-config.properties}.
     * This class is loaded by the loader of the WAR's {@code WEB-INF/lib} (the application's own).
     */
    private static HealthCheckResponse inApplication(Supplier<HealthCheckResponse> probe) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(MpHealthBeans.class.getClassLoader());
        try {
            return probe.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private List<TierBackend> backends() {
        return HealthSupport.backends(beanManager, deployment);
    }

    /** Built with the spec's constructor: no {@code HealthCheckResponseProvider} is needed to build it. */
    private static HealthCheckResponse response(TierStatus s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backend", s.backend());
        data.put("detail", s.detail());
        return new HealthCheckResponse(s.check(), s.up() ? Status.UP : Status.DOWN, Optional.of(data));
    }
}
