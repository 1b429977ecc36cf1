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

/** A route that splits the transactional cluster (refresh tokens on Redis) fails the deployment: Redis does not host them (2020) and the cluster is split (2030). */
@ExtendWith(ArquillianExtension.class)
class SplitClusterIT {
    private static final String ARCHIVE = "split-cluster.jar";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static JavaArchive deployment() {
        return Archives.deployment(ARCHIVE, BrokenConfig.with("oidc.store.route.refresh-tokens", "volatile"), JpaStoreProducer.class, RedisStoreProducer.class);
    }

    @Test
    void theDeploymentFailsWithTheProblemIds() {
        assertThat(DeploymentFailures.cdiException(ARCHIVE)).isInstanceOf(DeploymentException.class);
        assertThat(DeploymentFailures.problemIds(ARCHIVE)).containsExactly("OIDCS-2020", "OIDCS-2030");
        assertThat(DeploymentFailures.cdiException(ARCHIVE).getSuppressed()[1].getMessage())
                .contains("the transactional cluster").contains("refresh-tokens")
                .contains("oidc.store.route.refresh-tokens=durable");
    }
}
