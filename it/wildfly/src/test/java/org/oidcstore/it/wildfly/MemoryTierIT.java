package org.oidcstore.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
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

/**
 * WildFly: the ready-made WAR of {@code examples/status-war/wildfly} (the composite, the JPA tier on
 * EclipseLink over {@code ExampleDS} under the server's JTA, the memory tier and the status
 * endpoint), with the test classes added. WildFly has no MicroProfile Metrics: the deployment still
 * succeeds and the composite's metrics are no-ops.
 */
@ExtendWith(ArquillianExtension.class)
class MemoryTierIT extends CompositeOnServerTests {

    @Deployment
    static WebArchive deployment() {
        return ServerDeployments.readyWar("oidc-memory.war", MemoryTierIT.class, CompositeOnServerTests.class,
                WildFlyServer.class);
    }

    @Override
    protected String dataSourceJndi() {
        return WildFlyServer.DATASOURCE;
    }

    @Override
    protected String contextRoot() {
        return "oidc-memory";
    }

    @Override
    protected String volatileBackend() {
        return "memory";
    }

    @Test
    @RunAsClient
    void theServerListensOnLoopbackOnly() throws Exception {
        List<Long> pids = Listeners.pids("jboss-modules.jar", System.getProperty("jboss.home"));
        assertEquals(1, pids.size(), "one WildFly process started by this build: " + pids);
        List<Listeners.Listener> listeners = Listeners.of(pids.get(0));
        assertTrue(listeners.stream().anyMatch(l -> l.port() == 8080), "HTTP listener: " + listeners);
        assertTrue(listeners.stream().anyMatch(l -> l.port() == 9990), "management listener: " + listeners);
        assertTrue(listeners.stream().allMatch(Listeners.Listener::loopback), "only 127.0.0.1: " + listeners);
    }

    @Test
    void withoutMicroProfileMetricsTheMetricsAreNoOps() {
        ClassLoader app = Thread.currentThread().getContextClassLoader();
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.eclipse.microprofile.metrics.MetricRegistry", false, app),
                "WildFly offers no MicroProfile Metrics API to deployments");
        // the composite did not wrap its substores in its metering proxies: nothing is recorded
        assertFalse(Proxy.isProxyClass(composite.consumedJwtIds().getClass()));
        assertFalse(Proxy.isProxyClass(composite.grants().getClass()));
        jwtIds.mark("no-metrics-" + System.nanoTime(), samples.expiry()); // and calls still work
    }

    /** standalone.xml has no MicroProfile Health: the composite adds no check, and the WAR deploys as before. */
    @Test
    void withoutMicroProfileHealthTheDeploymentIsUnchanged() {
        ClassLoader app = Thread.currentThread().getContextClassLoader();
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.eclipse.microprofile.health.HealthCheck", false, app),
                "standalone.xml offers no MicroProfile Health API to deployments");
        assertTrue(store.readiness().ready(), "the probe itself needs no MicroProfile Health: " + store.readiness());
    }

    @Test
    void wildFlyKeepsJsonBindingForTheDeployment() throws Exception {
        WildFlyServer.assertJsonBindingKept("oidc-memory.war");
    }

    /** The ready-made WAR's status endpoint: the routing table, and record counts that match the database. */
    @Test
    void theReadyWarsStatusEndpointShowsTheRoutingAndTheRecordCounts() throws Exception {
        var grant = samples.grant("status", "client-a");
        writer.issue(grant, samples.code(grant.grantId()));
        StatusEndpoint.assertRoutingAndCounts(contextRoot(), volatileBackend(), dataSourceJndi());
    }
}
