package org.oidcstore.it.server.json;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The application's JAX-RS application under {@code /api}, with the default (scanned) set of
 * resources and providers, as most applications declare it: every {@code @Provider} in
 * {@code WEB-INF/lib} is registered too.
 */
@ApplicationPath("api")
public class JsonApplication extends Application {
}
