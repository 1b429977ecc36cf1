package org.oidcstore.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.oidcstore.store.StoreKind;

/**
 * Runs in the server, in a deployment of the ready-made WAR ({@link ServerDeployments#readyWar}):
 * reads its status endpoint over HTTP and checks it against the server's own data source.
 */
public final class StatusEndpoint {
    private StatusEndpoint() {
    }

    /**
     * {@code GET /<context>/store/status} lists every kind once with its tier and backend, and the
     * grants it counts are the rows of {@code oidc_grant} in {@code dataSourceJndi}, counted with SQL.
     */
    @SuppressWarnings("unchecked")
    public static void assertRoutingAndCounts(String contextRoot, String volatileBackend, String dataSourceJndi)
            throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:8080/" + contextRoot + "/store/status"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> status;
        try (var jsonb = JsonbBuilder.create()) {
            status = jsonb.fromJson(r.body(), Map.class);
        }
        assertEquals("composite", status.get("backend"), r.body());
        List<Map<String, Object>> routes = (List<Map<String, Object>>) status.get("routes");
        assertEquals(StoreKind.values().length, routes.size(), r.body());
        long sqlGrants;
        DataSource ds = (DataSource) new InitialContext().lookup(dataSourceJndi);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM oidc_grant")) {
            rs.next();
            sqlGrants = rs.getLong(1);
        }
        assertTrue(sqlGrants > 0, "the caller commits a grant first, so the count is not trivially 0");
        for (StoreKind kind : StoreKind.values()) {
            Map<String, Object> line = routes.stream().filter(l -> kind.configName().equals(l.get("kind")))
                    .findFirst().orElseThrow(() -> new AssertionError(kind + " missing in " + r.body()));
            String tier = kind.defaultTier().configName();
            assertEquals(tier, line.get("tier"), r.body());
            assertEquals(tier.equals("durable") ? "jpa" : volatileBackend, line.get("backend"), r.body());
            assertTrue(line.get("records") instanceof Number, "JPA and memory count every kind: " + line);
        }
        Map<String, Object> grants = routes.stream().filter(l -> "grants".equals(l.get("kind"))).findFirst().orElseThrow();
        assertEquals(sqlGrants, ((Number) grants.get("records")).longValue(), "grants counted: " + r.body());
    }
}
