package org.oidcstore.it.payara;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.oidcstore.it.server.CompositeOnServerTests;
import org.oidcstore.it.server.ServerDeployments;
import org.oidcstore.it.server.ServerDeployments.VolatileTier;

/**
 * Payara Micro: the same smoke tests with the Redis tier over TLS + ACL as the volatile backend (the
 * trust store path comes from MicroProfile Config). Fails, never skips, when Redis is away.
 */
@ExtendWith(ArquillianExtension.class)
class RedisTierIT extends CompositeOnServerTests {

    @Deployment
    static WebArchive deployment() {
        Map<String, String> config = PayaraServer.durable();
        config.putAll(ServerDeployments.redis("oidctest:payara-it:"));
        return ServerDeployments.war("oidc-redis.war", VolatileTier.REDIS, config, RedisTierIT.class,
                CompositeOnServerTests.class);
    }

    @Override
    protected String dataSourceJndi() {
        return PayaraServer.DATASOURCE;
    }

    @Override
    protected String contextRoot() {
        return "oidc-redis";
    }

    @Override
    protected String volatileBackend() {
        return "redis";
    }
}
