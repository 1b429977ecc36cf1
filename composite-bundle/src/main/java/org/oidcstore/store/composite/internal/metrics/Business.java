package org.oidcstore.store.composite.internal.metrics;

/** Business counters derived from store events (see {@link MetricNames}). */
public enum Business {
    /** An authorization code was saved (counted when its transaction commits). */
    CODES_ISSUED(MetricNames.CODES_ISSUED, "Authorization codes issued (committed saves)"),
    /** A refresh token was saved as the successor of another (counted at commit). */
    REFRESH_ROTATIONS(MetricNames.REFRESH_ROTATIONS, "Refresh-token rotations (committed successor saves)"),
    /** An authorization code was presented again after it was consumed. */
    CODE_REPLAYS(MetricNames.CODE_REPLAYS, "Authorization-code replays detected (consume of a consumed code)"),
    /** A refresh token was presented again after it was consumed or revoked. */
    REFRESH_REPLAYS(MetricNames.REFRESH_REPLAYS, "Refresh-token replays detected (consume of a consumed or revoked token)"),
    /** A JWT ID (request object, client assertion, DPoP proof) was presented again while marked. */
    JTI_REPLAYS(MetricNames.JTI_REPLAYS, "JWT-ID replays blocked (mark of a live marker)");

    private final String metricName;
    private final String description;

    Business(String metricName, String description) {
        this.metricName = metricName;
        this.description = description;
    }

    public String metricName() {
        return metricName;
    }

    public String description() {
        return description;
    }
}
