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
 * A setting the Redis tier would refuse at its first use (a key prefix without the trailing colon)
 * fails the deployment, found by the Redis bundle's own {@code ConfigSafetyCheck.problems} without
 * creating the backend or connecting: OIDCS-1411, shown once.
 */
@ExtendWith(ArquillianExtension.class)
class BackendSettingsIT {
    private static final String ARCHIVE = "backend-settings.jar";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static JavaArchive deployment() {
        // the JVM's trust store, so that the only setting refused is the prefix, whatever the services' state
        return Archives.deployment(ARCHIVE, BrokenConfig.with("oidc.store.redis.key-prefix", "no-colon",
                "oidc.store.redis.truststore", null, "oidc.store.redis.truststore-password", null),
                JpaStoreProducer.class, RedisStoreProducer.class);
    }

    @Test
    void theDeploymentFailsWithTheProblemIds() {
        assertThat(DeploymentFailures.cdiException(ARCHIVE)).isInstanceOf(DeploymentException.class);
        assertThat(DeploymentFailures.problemIds(ARCHIVE)).containsExactly("OIDCS-1411");
        assertThat(DeploymentFailures.timesShown(ARCHIVE)).hasSize(1).allSatisfy((p, n) -> assertThat(n).isOne());
    }
}
