package org.oidcstore.store.composite.internal.metrics;

import java.util.Objects;

/**
 * The tags every store metric carries.
 *
 * @param kind the kind's configuration name ({@code refresh-tokens})
 * @param tier {@code durable} or {@code volatile}
 * @param backend the serving backend's name ({@code jpa}, {@code redis}, {@code memory})
 */
public record MetricTags(String kind, String tier, String backend) {
    public MetricTags {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(backend, "backend");
    }
}
