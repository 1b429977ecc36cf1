package org.oidcstore.examples.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.Route;

/**
 * {@code GET /store/status}: the routing table of the injected composite (every kind with its tier,
 * backend and the reason for the tier) and the records each kind holds, where its backend counts
 * them ({@code OidcStore.recordCounts()}: the JPA and memory tiers do; Redis does not, and the
 * composite counts every kind or none, so with Redis no line has a {@code records} field). Counting costs a {@code COUNT(*)} per durable kind:
 * an operator's page, not a probe to poll.
 *
 * <pre>{@code
 * {"backend":"composite","transactional":true,"sessionDurability":"DURABLE",
 *  "routes":[{"kind":"clients","tier":"durable","backend":"jpa","reason":"default tier","records":0},…]}
 * }</pre>
 */
@Path("status")
@ApplicationScoped
public class StatusResource {

    @Inject
    CompositeStore store;

    /** The routing table and the record counts, as JSON. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        Map<StoreKind, Long> counts = store.recordCounts();
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Route r : store.routingTable().values()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("kind", r.kind().configName());
            line.put("tier", r.tier().configName());
            line.put("backend", r.backend());
            line.put("reason", r.reason());
            Long n = counts.get(r.kind());
            if (n != null) {
                line.put("records", n);
            }
            routes.add(line);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("backend", store.backend());
        status.put("transactional", store.transactional());
        status.put("sessionDurability", store.sessionDurability().name());
        status.put("routes", routes);
        return status;
    }
}
