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

/** No oidc.store.secret-pepper (and no dev-mode acknowledgement) fails the deployment with 2061, shown once. */
@ExtendWith(ArquillianExtension.class)
class UnpepperedIT {
    private static final String ARCHIVE = "unpeppered.jar";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static JavaArchive deployment() {
        return Archives.deployment(ARCHIVE, BrokenConfig.with("oidc.store.secret-pepper", null), JpaStoreProducer.class,
                RedisStoreProducer.class);
    }

    @Test
    void theDeploymentFailsWithTheProblemIds() {
        assertThat(DeploymentFailures.cdiException(ARCHIVE)).isInstanceOf(DeploymentException.class);
        assertThat(DeploymentFailures.problemIds(ARCHIVE)).containsExactly("OIDCS-2061");
        assertThat(DeploymentFailures.cdiException(ARCHIVE).getMessage()).contains("no oidc.store.secret-pepper")
                .contains("oidc.store.dev-mode-allow-unpeppered-digests=true");
        assertThat(DeploymentFailures.timesShown(ARCHIVE)).hasSize(1).allSatisfy((p, n) -> assertThat(n).isOne());
    }
}
