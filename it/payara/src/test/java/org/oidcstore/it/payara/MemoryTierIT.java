package org.oidcstore.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.oidcstore.it.server.CompositeOnServerTests;
import org.oidcstore.it.server.Listeners;
import org.oidcstore.it.server.ServerDeployments;
import org.oidcstore.it.server.StatusEndpoint;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.tck.Samples;

/**
 * Payara Micro: the ready-made WAR of {@code examples/status-war/payara} (the composite, the JPA
 * tier on Payara's EclipseLink over its default data source under its JTA, the memory tier and the
 * status endpoint), with the test classes added; the composite's metrics appear in Payara's
 * MicroProfile Metrics output; the server listens on 127.0.0.1 only.
 */
@ExtendWith(ArquillianExtension.class)
class MemoryTierIT extends CompositeOnServerTests {

    @Deployment
    static WebArchive deployment() {
        return ServerDeployments.readyWar("oidc-memory.war", MemoryTierIT.class, CompositeOnServerTests.class);
    }

    @Override
    protected String contextRoot() {
        return "oidc-memory";
    }

    @Override
    protected String volatileBackend() {
        return "memory";
    }

    @Override
    protected String dataSourceJndi() {
        return PayaraServer.DATASOURCE;
    }

    @Test
    void theMetricsAppearInPayarasMicroProfileMetricsOutput() throws Exception {
        assertTrue(Proxy.isProxyClass(composite.consumedJwtIds().getClass()), "the composite meters its substores");
        String jti = Samples.id("jti");
        jwtIds.mark(jti, samples.expiry());
        assertThrows(AlreadyConsumedException.class, () -> jwtIds.mark(jti, samples.expiry()));

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:8080/metrics")).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        List<String> ours = r.body().lines().filter(l -> l.startsWith("oidc_store_")).toList();
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("oidc_store_operations_total{")
                && l.contains("kind=\"consumed-jwt-ids\"") && l.contains("backend=\"memory\"")
                && l.contains("outcome=\"replay\"")), "operations counter in:\n" + String.join("\n", ours));
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("oidc_store_jti_replays_total")),
                "JWT-ID replay counter in:\n" + String.join("\n", ours));
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("oidc_store_session_posture")),
                "session posture gauge in:\n" + String.join("\n", ours));
    }

    /**
     * EclipseLink's JPA jars are dependencies of the JPA bundle and stay in the WAR (it/README.md):
     * Payara's web class loader asks the server first, so the JPA tier runs on Payara's own
     * EclipseLink and the WAR's copy is never loaded.
     */
    @Test
    void theJpaTierRunsOnPayarasOwnEclipseLink() throws Exception {
        ClassLoader app = Thread.currentThread().getContextClassLoader();
        URL war = app.getResource("org/oidcstore/store/jpa/JpaStores.class");
        URL eclipseLink = Class.forName("org.eclipse.persistence.jpa.PersistenceProvider", false, app)
                .getProtectionDomain().getCodeSource().getLocation();
        assertTrue(war.toString().contains("/WEB-INF/lib/jpa-store-bundle"), "our bundle from the WAR: " + war);
        assertFalse(eclipseLink.toString().contains("/WEB-INF/"), "EclipseLink from Payara: " + eclipseLink);
    }

    @Test
    @RunAsClient
    void theServerListensOnLoopbackOnly() throws Exception {
        List<Long> pids = Listeners.pids("-jar", System.getProperty("payara.jar"));
        assertEquals(1, pids.size(), "one Payara Micro process started by this build: " + pids);
        List<Listeners.Listener> listeners = Listeners.of(pids.get(0));
        assertTrue(listeners.stream().anyMatch(l -> l.port() == 8080), "HTTP listener: " + listeners);
        assertTrue(listeners.stream().anyMatch(l -> l.port() == 6900), "data grid listener: " + listeners);
        assertTrue(listeners.stream().allMatch(Listeners.Listener::loopback), "only 127.0.0.1: " + listeners);
    }

    /** The ready-made WAR's status endpoint: the routing table, and record counts that match the database. */
    @Test
    void theReadyWarsStatusEndpointShowsTheRoutingAndTheRecordCounts() throws Exception {
        var grant = samples.grant("status", "client-a");
        writer.issue(grant, samples.code(grant.grantId()));
        StatusEndpoint.assertRoutingAndCounts(contextRoot(), volatileBackend(), dataSourceJndi());
    }
}
