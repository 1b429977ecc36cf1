package org.oidcstore.store.osgi.internal;

import java.util.Map;

/**
 * The OSGi service's own configuration keys (the composite's and the backends' keys are theirs).
 * Loads nothing of the JPA bundle: the service decides here whether the durable tier is asked for.
 */
final class OsgiKeys {
    /** {@code memory} (default) or {@code redis}: the volatile backend of this service. */
    static final String VOLATILE_BACKEND_KEY = "oidc.store.volatile-backend";
    /** {@code none} (default) or {@code jpa}: the durable backend of this service. */
    static final String DURABLE_BACKEND_KEY = "oidc.store.durable-backend";
    /** Narayana's object-store directory (JVM-wide). */
    static final String OBJECT_STORE_KEY = "oidc.store.jpa.narayana.object-store-dir";
    /** Narayana's node identifier (JVM-wide, at most {@value #MAX_NODE_ID_BYTES} bytes). */
    static final String NODE_ID_KEY = "oidc.store.jpa.narayana.node-identifier";
    /** Narayana refuses longer identifiers (its transaction ids embed it). */
    static final int MAX_NODE_ID_BYTES = 28;

    private OsgiKeys() {
    }

    /** {@value #DURABLE_BACKEND_KEY} is set and not {@code none}. */
    static boolean durableRequested(Map<String, String> props) {
        String v = props.get(DURABLE_BACKEND_KEY);
        return v != null && !v.isBlank() && !v.trim().equalsIgnoreCase("none");
    }
}
