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
 * Several mistakes in one deployment: every problem is reported, in rule order (misspelt route 2001,
 * unknown kind in oidc.store.kinds 2005, posture 2050, plaintext Redis 2060), then the pepper (1011,
 * which the Redis bundle's check reports too, with the same line: shown once), then what the Redis
 * bundle's check finds its start would refuse (plaintext, 1404).
 */
@ExtendWith(ArquillianExtension.class)
class EveryProblemAtOnceIT {
    private static final String ARCHIVE = "every-problem-at-once.jar";

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static JavaArchive deployment() {
        return Archives.deployment(ARCHIVE, BrokenConfig.with("oidc.store.route.sesions", "volatile", "oidc.store.kinds", "consumed-jwt-id", "oidc.store.sessions.durability", "volatile", "oidc.store.route.sessions", "durable", "oidc.store.redis.uri", "redis://127.0.0.1:6380", "oidc.store.secret-pepper", "not base64!"), JpaStoreProducer.class, RedisStoreProducer.class);
    }

    @Test
    void theDeploymentFailsWithTheProblemIds() {
        assertThat(DeploymentFailures.cdiException(ARCHIVE)).isInstanceOf(DeploymentException.class);
        assertThat(DeploymentFailures.problemIds(ARCHIVE)).containsExactly("OIDCS-2001", "OIDCS-2005",
                "OIDCS-2050", "OIDCS-2060", "OIDCS-1011", "OIDCS-1404");
        assertThat(DeploymentFailures.cdiException(ARCHIVE).getSuppressed()[0].getMessage())
                .contains("did you mean oidc.store.route.sessions?");
        assertThat(DeploymentFailures.cdiException(ARCHIVE).getSuppressed()[1].getMessage())
                .contains("did you mean consumed-jwt-ids?");
        // Weld prints each problem into its message and lists it again as suppressed: still once
        assertThat(DeploymentFailures.timesShown(ARCHIVE)).hasSize(6).allSatisfy((p, n) -> assertThat(n).as(p).isOne());
    }
}
