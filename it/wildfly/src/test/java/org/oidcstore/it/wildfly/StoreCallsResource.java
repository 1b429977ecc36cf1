package org.oidcstore.it.wildfly;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.composite.CompositeStore;

/**
 * A few store calls made inside the deployment, for {@link MicrometerIT}: {@code POST store-calls/{id}}
 * marks the JWT id {@code id} (the memory tier), and answers {@code marked} or, when the id was
 * already marked, {@code replay}.
 */
@Path("store-calls")
@ApplicationScoped
public class StoreCallsResource {

    @Inject
    CompositeStore store;

    /**
     * What the deployment's own Micrometer {@code MeterRegistry} bean holds under {@code oidc_store_*}
     * (looked up by name: the test code compiles without Micrometer), and whether the composite wraps
     * its stores in its metering proxies.
     */
    @jakarta.ws.rs.GET
    @Path("meters")
    @Produces(MediaType.TEXT_PLAIN)
    public String meters() throws Exception {
        Class<?> type = Class.forName("io.micrometer.core.instrument.MeterRegistry");
        Object registry = jakarta.enterprise.inject.spi.CDI.current().select(type).get();
        java.util.List<?> meters = (java.util.List<?>) type.getMethod("getMeters").invoke(registry);
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (Object m : meters) {
            Object id = m.getClass().getMethod("getId").invoke(m);
            String name = (String) id.getClass().getMethod("getName").invoke(id);
            if (name.startsWith("oidc_store")) {
                names.add(name);
            }
        }
        return "metered=" + java.lang.reflect.Proxy.isProxyClass(store.consumedJwtIds().getClass())
                + " registry=" + registry.getClass().getName() + " meters=" + names;
    }

    @POST
    @Path("{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public String mark(@PathParam("id") String id) {
        try {
            store.consumedJwtIds().mark("micrometer-it:" + id, Instant.now().plusSeconds(600));
            return "marked";
        } catch (AlreadyConsumedException e) {
            return "replay";
        }
    }
}
