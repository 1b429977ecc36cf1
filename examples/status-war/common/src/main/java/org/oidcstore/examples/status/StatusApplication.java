package org.oidcstore.examples.status;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The example's JAX-RS application under {@code /store}: only {@link StatusResource}, so that an
 * application that adds this WAR's classes to its own keeps its own resources where they were.
 */
@ApplicationPath("store")
public class StatusApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(StatusResource.class);
    }
}
