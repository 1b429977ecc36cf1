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

    /**
     * The meters of one store method under {@code tags}, resolved once (when a substore is wrapped)
     * so that a call only increments what it already holds: no name or tag lookup per call.
     *
     * @param posture the session posture for session stores (their calls are also counted with a
     *     {@code posture} tag), else {@code null}
     */
    OperationMeters operation(MetricTags tags, String operation, SessionDurability posture);

    /** Expired records deleted (a purge call through the composite, or a backend's own sweep). */
    void purged(MetricTags tags, long count);

    /** A business event. */
    void business(Business event, MetricTags tags);

    /** Records of one kind removed by a subject erasure (committed, for a transactional kind). */
    void erased(MetricTags tags, long count);

    /** A subject erasure that finished (every tier done; committed with the caller's transaction). */
    void subjectErasure();

    /**
     * One increment of {@code event}'s counter under {@code tags}, as an action bound once per store
     * method (when a substore is wrapped): the counter is resolved at its first run (a counter that
     * never counts is never registered, as with {@link #business}) and then only incremented.
     */
    default Runnable businessCounter(Business event, MetricTags tags) {
        return () -> business(event, tags);
    }

    /** Publishes the posture (a gauge at 1), once per composite. */
    void posture(MetricTags sessionTags, SessionDurability posture);

    /** The meters of one store method. */
    interface OperationMeters {
        /** The duration of a call that was not timed (see {@link TimerSampling}): it is counted only. */
        long UNTIMED = -1L;

        /**
         * One call and its outcome ({@code ok}, {@code absent}, {@code replay}, ...): counted, and
         * timed unless {@code nanos} is {@link #UNTIMED}.
         */
        void record(String outcome, long nanos);

        /**
         * {@link #record(String, long)} with the outcome as an {@link Outcome}: the registry-backed
         * meters keep one counter per outcome in an array slot, so a call does no lookup.
         */
        default void record(Outcome outcome, long nanos) {
            record(outcome.tag(), nanos);
        }

        /** An {@code AlreadyConsumedException}. */
        void replay();

        /** A {@code ConflictException} (optimistic lock, compare-and-swap, static client). */
        void conflict();

        /** Records nothing. */
        OperationMeters NONE = new OperationMeters() {
            @Override
            public void record(String outcome, long nanos) {
            }

            @Override
            public void replay() {
            }

            @Override
            public void conflict() {
            }
        };
    }

    /** Records nothing. */
    StoreMetrics NONE = new StoreMetrics() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public OperationMeters operation(MetricTags tags, String operation, SessionDurability posture) {
            return OperationMeters.NONE;
        }

        @Override
        public void purged(MetricTags tags, long count) {
        }

        @Override
        public void business(Business event, MetricTags tags) {
        }

        @Override
        public void erased(MetricTags tags, long count) {
        }

        @Override
        public void subjectErasure() {
        }

        @Override
        public void posture(MetricTags sessionTags, SessionDurability posture) {
        }
    };
}
