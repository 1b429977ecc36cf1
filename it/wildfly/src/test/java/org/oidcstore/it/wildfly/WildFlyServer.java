package org.oidcstore.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oidcstore.it.server.ServerDeployments;

/** How a WAR is configured on WildFly: the durable tier on the server's JTA data source. */
final class WildFlyServer {
    static final String DATASOURCE = "java:jboss/datasources/ExampleDS";
    private WildFlyServer() {
    }

    /**
     * The JPA tier in container mode: {@code ExampleDS} (H2, JTA) by its JNDI name, EclipseLink's
     * WildFly platform (the server's transaction manager), migrations at start.
     */
    static Map<String, String> durable() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("oidc.store.jpa.datasource", DATASOURCE);
        c.put("oidc.store.jpa.target-server", "WildFly");
        c.put("oidc.store.jpa.migrate", "true");
        c.put("oidc.store.secret-pepper", ServerDeployments.PEPPER);
        return c;
    }

    /**
     * Runs in the server: WildFly logged no {@code WFLYRS0018} while it deployed {@code war}. That
     * message says WildFly found a Jackson annotation in the deployment's annotation index (any jar
     * of {@code WEB-INF/lib} counts) and so set {@code resteasy.preferJacksonOverJsonB=true}: every
     * JSON endpoint of the application then ignores its JSON-B annotations. The deployments run
     * one after the other, so the lines from the WAR's latest "Starting deployment" on are its own.
     */
    static void assertJsonBindingKept(String war) throws IOException {
        Path log = Path.of(System.getProperty("jboss.server.log.dir"), "server.log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        String start = "WFLYSRV0027: Starting deployment of \"" + war + "\"";
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(start)) {
                from = i;
            }
        }
        assertTrue(from >= 0, "no '" + start + "' in " + log);
        List<String> ours = lines.subList(from, lines.size());
        assertTrue(ours.stream().anyMatch(l -> l.contains("WFLYSRV0010: Deployed \"" + war + "\"")),
                "the deployment of " + war + " completed in " + log);
        assertEquals(List.of(), ours.stream().filter(l -> l.contains("WFLYRS0018")).toList(),
                "WildFly switched " + war + " from JSON-B to Jackson");
    }
}
