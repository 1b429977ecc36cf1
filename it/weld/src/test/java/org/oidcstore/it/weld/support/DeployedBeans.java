package org.oidcstore.it.weld.support;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Keeps the {@code BeanManager} of the current Weld embedded deployment, so that the TCK's
 * {@code @Nested} contract classes (which Arquillian 1.10 runs outside its test enrichment) reach
 * the deployment's beans. Registered through the test class path's {@code META-INF/services}, so
 * Weld embedded runs it for every deployment of this module (docs/build-pitfalls.md#a1); harmless for the
 * deployments that fail.
 */
public class DeployedBeans implements Extension {
    private static volatile BeanManager current;

    void deployed(@Observes AfterDeploymentValidation adv, BeanManager bm) {
        current = bm;
    }

    /** The bean of {@code type} (and {@code @Default}) in the current deployment. */
    public static <T> T get(Class<T> type) {
        BeanManager bm = current;
        if (bm == null) {
            throw new IllegalStateException("no Weld embedded deployment is running");
        }
        return bm.createInstance().select(type).get();
    }
}
