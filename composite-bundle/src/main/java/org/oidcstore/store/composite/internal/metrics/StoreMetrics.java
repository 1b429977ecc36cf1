package org.oidcstore.store.composite.internal.metrics;

import org.oidcstore.store.composite.SessionDurability;

/**
 * Where the composite reports what happened. Deliberately free of MicroProfile Metrics types: the
 * registry-backed implementation ({@code MpStoreMetrics}) is the only class that references them,
 * and it is loaded only when the API is present ({@link MetricsSupport}); otherwise {@link #NONE}.
 */
public interface StoreMetrics {

    /** Whether anything is recorded; when not, the composite does not even wrap the stores. */
    boolean enabled();

    /** One call of a store method and its outcome ({@code ok}, {@code absent}, {@code replay}, ...). */
    void operation(MetricTags tags, String operation, String outcome, long nanos);

    /** An {@code AlreadyConsumedException}. */
    void replay(MetricTags tags, String operation);

    /** A {@code ConflictException} (optimistic lock, compare-and-swap, static client). */
    void conflict(MetricTags tags, String operation);

    /** Expired records deleted (a purge call through the composite, or a backend's own sweep). */
    void purged(MetricTags tags, long count);

    /** A business event. */
    void business(Business event, MetricTags tags);

    /** One session operation, tagged with the posture. */
    void sessionOperation(MetricTags tags, String operation, String outcome, SessionDurability posture);

    /** Publishes the posture (a gauge at 1), once per composite. */
    void posture(MetricTags sessionTags, SessionDurability posture);

    /** Records nothing. */
    StoreMetrics NONE = new StoreMetrics() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void operation(MetricTags tags, String operation, String outcome, long nanos) {
        }

        @Override
        public void replay(MetricTags tags, String operation) {
        }

        @Override
        public void conflict(MetricTags tags, String operation) {
        }

        @Override
        public void purged(MetricTags tags, long count) {
        }

        @Override
        public void business(Business event, MetricTags tags) {
        }

        @Override
        public void sessionOperation(MetricTags tags, String operation, String outcome, SessionDurability posture) {
        }

        @Override
        public void posture(MetricTags sessionTags, SessionDurability posture) {
        }
    };
}
