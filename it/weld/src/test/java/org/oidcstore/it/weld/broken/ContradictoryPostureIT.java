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

/** A volatile session posture next to an explicit durable sessions route fails the deployment with 2050. */
@ExtendWith(ArquillianExtension.class)
class ContradictoryPostureIT {
    private static final String ARCHIVE = "contradictory-posture.jar";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static JavaArchive deployment() {
        return Archives.deployment(ARCHIVE, BrokenConfig.with("oidc.store.sessions.durability", "volatile", "oidc.store.route.sessions", "durable"), JpaStoreProducer.class, RedisStoreProducer.class);
    }

    @Test
    void theDeploymentFailsWithTheProblemIds() {
        assertThat(DeploymentFailures.cdiException(ARCHIVE)).isInstanceOf(DeploymentException.class);
        assertThat(DeploymentFailures.problemIds(ARCHIVE)).containsExactly("OIDCS-2050");
        assertThat(DeploymentFailures.cdiException(ARCHIVE).getMessage())
                .contains("oidc.store.sessions.durability=volatile contradicts oidc.store.route.sessions=durable");
    }
}
