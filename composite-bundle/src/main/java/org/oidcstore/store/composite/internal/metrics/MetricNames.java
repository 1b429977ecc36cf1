package org.oidcstore.store.composite.internal.metrics;

/**
 * Names of the metrics in the MicroProfile {@code MetricRegistry} (application scope). The
 * Prometheus exposition appends {@code _total} to counters and {@code _seconds} to timers, so
 * {@code oidc_store_operations} is scraped as {@code oidc_store_operations_total}; the README lists
 * the scraped names. Every name keeps one fixed set of tag keys, as Prometheus requires.
 */
public final class MetricNames {
    private MetricNames() {
    }

    /** Counter; tags kind, tier, backend, operation, outcome. */
    public static final String OPERATIONS = "oidc_store_operations";
    /** Timer; tags kind, tier, backend, operation. */
    public static final String OPERATION_TIME = "oidc_store_operation";
    /** Counter; tags kind, tier, backend, operation. */
    public static final String REPLAYS = "oidc_store_replays";
    /** Counter; tags kind, tier, backend, operation. */
    public static final String CONFLICTS = "oidc_store_conflicts";
    /** Counter; tags kind, tier, backend. */
    public static final String PURGED = "oidc_store_purged";
    /** Counter; no tags: {@code OidcStore.eraseSubject} calls through the composite that finished. */
    public static final String SUBJECT_ERASURES = "oidc_store_subject_erasures";
    /** Counter; tags kind, tier, backend: records removed by subject erasures (never the subject). */
    public static final String ERASED = "oidc_store_erased_records";
    /** Counter; tags kind (sessions), tier, backend, operation, outcome, posture. */
    public static final String SESSION_OPERATIONS = "oidc_store_session_operations";
    /** Gauge (always 1); tags kind (sessions), tier, backend, posture. */
    public static final String SESSION_POSTURE = "oidc_store_session_posture";
    // the business counters are named by the API's @StoreEvent annotations: see Business
}
