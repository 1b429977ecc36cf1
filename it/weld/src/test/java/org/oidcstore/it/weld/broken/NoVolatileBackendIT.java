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

/** Only the JPA bundle deployed, without oidc.store.route.default=durable: the volatile kinds are never moved silently (2010), and the message names the key that fixes it. */
@ExtendWith(ArquillianExtension.class)
class NoVolatileBackendIT {
    private static final String ARCHIVE = "no-volatile-backend.jar";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static JavaArchive deployment() {
        return Archives.deployment(ARCHIVE, BrokenConfig.with(), JpaStoreProducer.class);
    }

    @Test
    void theDeploymentFailsWithTheProblemIds() {
        assertThat(DeploymentFailures.cdiException(ARCHIVE)).isInstanceOf(DeploymentException.class);
        assertThat(DeploymentFailures.problemIds(ARCHIVE)).containsExactly("OIDCS-2010");
        assertThat(DeploymentFailures.cdiException(ARCHIVE).getMessage()).contains("oidc.store.route.default=durable");
    }
}
