package org.oidcstore.store.composite.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.SubjectErasure;
import org.oidcstore.store.composite.Route;
import org.oidcstore.store.composite.internal.metrics.MeteredStores;
import org.oidcstore.store.composite.internal.metrics.MetricTags;

/**
 * {@link OidcStore#eraseSubject} across the composite's tiers, by the routing: the kinds routed to
 * a transactional backend are erased in one transaction of the anchor
 * ({@code inIdempotentTransaction}, joining a caller's), then the kinds routed to a
 * non-transactional (volatile) backend one by one, in {@link SubjectErasure#ORDER}. A volatile tier
 * that cannot be reached raises {@code StoreUnavailableException} with the durable part done; every
 * step is idempotent, so calling again finishes.
 *
 * <p>Metrics: records removed per kind ({@code oidc_store_erased_records}, tagged with the kind's
 * route; a transactional kind's counted once committed) and finished erasures
 * ({@code oidc_store_subject_erasures}). The subject is never a tag and is never logged.
 */
final class TieredErasure {
    private static final System.Logger METER_LOG = System.getLogger("org.oidcstore.store.composite.metrics");

    private final OidcStore composite;
    private final RoutingPlan plan;
    private final MeteredStores metered;

    /**
     * @param composite the routed store: its substores are the routed (metered) ones and its
     *     transactions the anchor's
     */
    TieredErasure(OidcStore composite, RoutingPlan plan, MeteredStores metered) {
        this.composite = composite;
        this.plan = plan;
        this.metered = metered;
    }

    SubjectErasure erase(String subject) {
        Objects.requireNonNull(subject, "subject");
        Set<StoreKind> inTransaction = EnumSet.noneOf(StoreKind.class);
        Set<StoreKind> after = EnumSet.noneOf(StoreKind.class);
        boolean transactional = composite.transactional();
        for (StoreKind kind : composite.kinds()) {
            (transactional && plan.backends().get(kind).transactional() ? inTransaction : after).add(kind);
        }
        Map<StoreKind, Integer> counts = new EnumMap<>(StoreKind.class);
        if (!inTransaction.isEmpty()) {
            Map<StoreKind, Integer> durable = composite.inIdempotentTransaction(
                    () -> SubjectErasure.eraseKinds(composite, subject, inTransaction));
            counts.putAll(durable);
            afterCommit(() -> durable.forEach(this::countErased));
        }
        for (StoreKind kind : SubjectErasure.ORDER) {
            if (after.contains(kind)) {
                Map<StoreKind, Integer> one = SubjectErasure.eraseKinds(composite, subject, EnumSet.of(kind));
                counts.putAll(one);
                one.forEach((k, n) -> meter(() -> countErased(k, n)));
            }
        }
        afterCommit(() -> metered.metrics().subjectErasure());
        return new SubjectErasure(counts);
    }

    private void countErased(StoreKind kind, int n) {
        Route route = plan.routes().get(kind);
        metered.metrics().erased(new MetricTags(kind.configName(), route.tier().configName(), route.backend()), n);
    }

    private void afterCommit(Runnable action) {
        if (metered.metrics().enabled()) {
            meter(() -> metered.commits().afterCommit(() -> meter(action)));
        }
    }

    /**
     * A metric that cannot be recorded never replaces the erasure's answer (as for every store
     * call): logged by exception class only.
     */
    private void meter(Runnable action) {
        if (!metered.metrics().enabled()) {
            return;
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            METER_LOG.log(System.Logger.Level.WARNING, CompositeMessages.METRIC_NOT_RECORDED
                    + " a metric of eraseSubject could not be recorded (" + e.getClass().getName()
                    + "); the erasure's outcome is unaffected");
        }
    }
}
