package org.oidcstore.it.weld.broken;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.oidcstore.it.weld.support.Archives;
import org.oidcstore.it.weld.support.DeploymentFailures;
import org.oidcstore.store.jpa.internal.cdi.JpaStoreProducer;
import org.oidcstore.store.redis.internal.RedisStoreProducer;

/**
 * Plaintext Redis without the dev-mode flag fails the deployment with 2060, naming the flag, and with
 * what the Redis bundle's check finds its start would refuse (1404); no connection is attempted.
 */
@ExtendWith(ArquillianExtension.class)
class PlaintextRedisIT {
    private static final String ARCHIVE = "plaintext-redis.jar";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static JavaArchive deployment() {
        return Archives.deployment(ARCHIVE, BrokenConfig.with("oidc.store.redis.uri", "redis://127.0.0.1:6380", "oidc.store.redis.user", null, "oidc.store.redis.password", "dev-secret"), JpaStoreProducer.class, RedisStoreProducer.class);
    }

    @Test
    void theDeploymentFailsWithTheProblemIds() {
        assertThat(DeploymentFailures.cdiException(ARCHIVE)).isInstanceOf(DeploymentException.class);
        assertThat(DeploymentFailures.problemIds(ARCHIVE)).containsExactly("OIDCS-2060", "OIDCS-1404");
        assertThat(DeploymentFailures.cdiException(ARCHIVE).getMessage()).contains("backend 'redis'")
                .contains("dev-mode");
    }
}
