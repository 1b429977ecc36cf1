package org.oidcstore.store.composite.internal.health;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds the MicroProfile Health checks when the API is there ({@link HealthSupport#register}); a
 * portable extension of its own (registered in {@code META-INF/services}), so that the routing
 * extension knows nothing of health.
 */
public class HealthExtension implements Extension {

    void register(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        HealthSupport.register(bbd, bm);
    }
}
