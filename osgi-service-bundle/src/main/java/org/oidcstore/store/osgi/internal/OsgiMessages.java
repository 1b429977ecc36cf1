package org.oidcstore.store.osgi.internal;

/**
 * The message ids of the OSGi service (OIDCS-2120 – 2139), in one place: every problem the bundle
 * words starts with one of these, and {@code docs/message-ids.md} documents each (a test ties the
 * two together). The composite's and the backends' ids are theirs.
 */
final class OsgiMessages {
    /** {@code oidc.store.volatile-backend} is neither {@code memory} nor {@code redis}. */
    static final String UNKNOWN_VOLATILE_BACKEND = "OIDCS-2120";
    /** {@code oidc.store.durable-backend} is neither {@code jpa} nor {@code none}. */
    static final String UNKNOWN_DURABLE_BACKEND = "OIDCS-2130";
    /** A Jakarta EE server's JPA keys (data source, target server) are set. */
    static final String SERVER_ONLY_JPA_KEYS = "OIDCS-2131";
    /** Narayana's object-store directory is not an absolute path. */
    static final String OBJECT_STORE_NOT_ABSOLUTE = "OIDCS-2132";
    /** Narayana's node identifier is too long or has characters Narayana refuses. */
    static final String BAD_NODE_IDENTIFIER = "OIDCS-2133";
    /** Narayana's object-store directory cannot be created or written. */
    static final String OBJECT_STORE_NOT_WRITABLE = "OIDCS-2134";
    /** The durable tier is asked for but the JPA bundle is not installed. */
    static final String JPA_BUNDLE_MISSING = "OIDCS-2135";

    private OsgiMessages() {
    }
}
