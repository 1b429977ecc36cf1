package org.oidcstore.it.wildfly;

import java.util.LinkedHashMap;
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
}
