package org.oidcstore.store.composite;

/**
 * The names of the composite's configuration keys (MicroProfile Config, the builder's
 * {@code config(..)}, Configuration Admin in OSGi). Every key is also read in its environment
 * spelling ({@code OIDC_STORE_SESSIONS_DURABILITY}); the module's README documents their values.
 */
public final class CompositeKeys {
    /** Prefix of the route keys: {@code oidc.store.route.<kind>}, the kind in kebab case. */
    public static final String ROUTE_PREFIX = "oidc.store.route.";
    /** The route prefix as environment variables spell it (MicroProfile Config mapping). */
    public static final String ENV_ROUTE_PREFIX = "OIDC_STORE_ROUTE_";
    /** Tier of every kind without its own route; when unset, each kind keeps its default tier. */
    public static final String DEFAULT_ROUTE_KEY = ROUTE_PREFIX + "default";
    /** The kinds the composite hosts: a comma list in kebab case; unset means all kinds. */
    public static final String KINDS_KEY = "oidc.store.kinds";
    /** The session durability posture: {@code durable} or {@code volatile}. */
    public static final String SESSION_DURABILITY_KEY = "oidc.store.sessions.durability";
    /** Prefix of the static-client keys: {@code oidc.store.static-clients.<client-id>.<attribute>}. */
    public static final String STATIC_CLIENTS_PREFIX = "oidc.store.static-clients.";
    /** The static client ids, a comma list (needed only when they are declared by environment variables). */
    public static final String STATIC_CLIENT_IDS_KEY = "oidc.store.static-client-ids";
    /**
     * One store call in how many is timed into {@code oidc_store_operation_seconds}: a whole number
     * from 1 (every call) to 1024, for every tier; unset: every call on the durable tier, one in 32 on
     * the volatile tier. Counters count every call whatever the value.
     */
    public static final String METRICS_TIMER_SAMPLING_KEY = "oidc.store.metrics.timer-sampling";

    private CompositeKeys() {
    }

    /** The route key of a kind's configuration name: {@code route("sessions")} is {@code oidc.store.route.sessions}. */
    public static String route(String kindConfigName) {
        return ROUTE_PREFIX + kindConfigName;
    }
}
