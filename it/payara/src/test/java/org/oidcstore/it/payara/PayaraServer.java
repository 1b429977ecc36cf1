package org.oidcstore.it.payara;

import java.util.LinkedHashMap;
import java.util.Map;
import org.oidcstore.it.server.ServerDeployments;

/** How a WAR is configured on Payara Micro: the durable tier on the server's default JTA data source. */
final class PayaraServer {
    /** Payara's default data source (embedded H2), the Jakarta EE default data source. */
    static final String DATASOURCE = "jdbc/__default";

    private PayaraServer() {
    }

    /** The JPA tier in container mode on Payara's EclipseLink and transaction manager. */
    static Map<String, String> durable() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("oidc.store.jpa.datasource", DATASOURCE);
        c.put("oidc.store.jpa.target-server", "Glassfish");
        c.put("oidc.store.jpa.migrate", "true");
        c.put("oidc.store.secret-pepper", ServerDeployments.PEPPER);
        return c;
    }
}
