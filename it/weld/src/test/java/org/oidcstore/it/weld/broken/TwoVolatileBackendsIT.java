package org.oidcstore.it.weld.broken;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.DefinitionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.oidcstore.it.weld.support.Archives;
import org.oidcstore.it.weld.support.DeploymentFailures;
import org.oidcstore.store.jpa.internal.cdi.JpaStoreProducer;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;
import org.oidcstore.store.redis.internal.RedisStoreProducer;

/** Two volatile backends (memory and Redis) fail the deployment with 2070, reported as a definition error at AfterBeanDiscovery (before the container's ambiguity check). */
@ExtendWith(ArquillianExtension.class)
class TwoVolatileBackendsIT {
    private static final String ARCHIVE = "two-volatile-backends.jar";

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static JavaArchive deployment() {
        return Archives.deployment(ARCHIVE, BrokenConfig.with(), JpaStoreProducer.class, RedisStoreProducer.class, MemoryStoreProducer.class);
    }

    @Test
    void theDeploymentFailsWithTheProblemIds() {
        assertThat(DeploymentFailures.cdiException(ARCHIVE)).isInstanceOf(DefinitionException.class);
        assertThat(DeploymentFailures.problemIds(ARCHIVE)).containsExactly("OIDCS-2070");
        assertThat(DeploymentFailures.cdiException(ARCHIVE).getMessage()).contains("'memory'").contains("'redis'");
    }
}
