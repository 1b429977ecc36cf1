package org.oidcstore.store.composite.internal.health;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.Readiness;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.composite.internal.StoreRoutingExtension;
import org.oidcstore.store.tier.StoreTier;

/**
 * Adds the MicroProfile Health checks when, and only when, the MicroProfile Health API is visible
 * to this bundle: a readiness check per tier ({@code oidc-store-durable}, {@code oidc-store-volatile},
 * each asking its backend's {@link OidcStore#readiness()}) and a liveness check
 * ({@code oidc-store}) that never touches an engine. Like {@code MetricsSupport}, this class has no
 * MicroProfile Health type anywhere: {@code MpHealthBeans} is named by string, loaded and added as a
 * bean class only after the API was found, so a server without MP Health deploys unchanged.
 */
public final class HealthSupport {
    private static final System.Logger LOG = System.getLogger(HealthSupport.class.getName());

    static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";
    private static final String IMPL = "org.oidcstore.store.composite.internal.health.MpHealthBeans";

    /** A tier's backend: its name and its aggregate (a client proxy: created by its first call). */
    public record TierBackend(StoreTier tier, String name, OidcStore store) {
    }

    /** What one tier's readiness check answers, before it becomes a {@code HealthCheckResponse}. */
    public record TierStatus(String check, boolean up, String backend, String detail) {
    }

    private HealthSupport() {
    }

    /** Whether the MicroProfile Health API is visible to the composite. */
    public static boolean available() {
        try {
            Class.forName(HEALTH_CHECK, false, HealthSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Adds {@code MpHealthBeans} (producers of the checks) to the deployment when MicroProfile Health
     * is there; else nothing. Producer methods carrying {@code @Readiness}/{@code @Liveness}, rather
     * than synthetic beans: Payara Micro activates its MP Health integration for an application only
     * when the archive's classes carry one of those annotations (or {@code @Path}).
     */
    public static void register(BeforeBeanDiscovery bbd, BeanManager bm) {
        if (!available()) {
            return;
        }
        try {
            Class<?> impl = Class.forName(IMPL, true, HealthSupport.class.getClassLoader());
            bbd.addAnnotatedType(bm.createAnnotatedType(impl), IMPL);
            LOG.log(Level.INFO, "oidc-store: MicroProfile Health found; readiness checks oidc-store-durable and"
                    + " oidc-store-volatile and liveness check oidc-store added");
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.WARNING, "oidc-store: MicroProfile Health is present but its checks could not be added;"
                    + " continuing without them", e);
        }
    }

    /** The validated routing's backends, through the very beans the routing extension validated. */
    static List<TierBackend> backends(BeanManager bm, StoreRoutingExtension routing) {
        List<TierBackend> out = new ArrayList<>();
        for (var e : routing.validatedBackends().entrySet()) {
            Bean<?> bean = e.getValue();
            out.add(new TierBackend(e.getKey().tier(), e.getKey().name(),
                    (OidcStore) bm.getReference(bean, OidcStore.class, bm.createCreationalContext(bean))));
        }
        return out;
    }

    /**
     * The readiness of {@code tier}: its backend's probe, or up when no kind is routed to the tier
     * (a SQL-only deployment has no volatile backend: nothing there can fail). A probe that throws
     * (a backend that cannot even be created, e.g. an unmigrated schema) is a failed probe.
     */
    public static TierStatus readiness(StoreTier tier, List<TierBackend> backends) {
        String check = "oidc-store-" + tier.configName();
        for (TierBackend b : backends) {
            if (b.tier() == tier) {
                Readiness r;
                try {
                    r = b.store().readiness();
                } catch (StoreException e) { // e.g. a backend that cannot be created: its message is its id and reason
                    r = Readiness.notReady(b.name() + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    r = Readiness.notReady(b.name() + ": the probe failed (" + e.getClass().getSimpleName() + ")");
                }
                return new TierStatus(check, r.ready(), b.name(), r.detail());
            }
        }
        return new TierStatus(check, true, "none", "no kind is routed to the " + tier.configName() + " tier");
    }
}
