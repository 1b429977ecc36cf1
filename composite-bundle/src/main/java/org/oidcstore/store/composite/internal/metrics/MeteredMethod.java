package org.oidcstore.store.composite.internal.metrics;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.internal.metrics.StoreMetrics.OperationMeters;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Everything a call of one store method records, resolved once when the substore is wrapped: the
 * method (made accessible, so a call skips the access check), its meters, whether it is a purge,
 * and its business events split by the outcome they count on, each bound to its counter. A call
 * then reads final fields only: no name, tag or event lookup, no allocation on the success path.
 */
final class MeteredMethod {
    /** A business event of the method and the increment of its counter, bound once. */
    record Event(Business business, Runnable count) {
        boolean atCommit() {
            return business.when() == StoreEvent.When.COMMITTED;
        }
    }

    private static final Event[] NONE = new Event[0];

    final Method method;
    final String name;
    final OperationMeters meters;
    /** {@code purgeExpired} / {@code purge}: an {@code Integer} result is also counted as purged. */
    final boolean purge;
    /** Events counted when the call returns (RETURNED, and COMMITTED ones through the commit hook). */
    final Event[] returned;
    /** Events counted on an {@code AlreadyConsumedException}. */
    final Event[] replayed;
    /** Events counted on a {@code ConflictException}. */
    final Event[] conflicted;

    MeteredMethod(Method method, StoreMetrics metrics, MetricTags tags, SessionDurability sessionPosture) {
        method.trySetAccessible(); // a public method of a public interface: only skips the per-call check
        this.method = method;
        this.name = method.getName();
        this.meters = metrics.operation(tags, name, sessionPosture);
        this.purge = name.equals("purgeExpired") || name.equals("purge");
        List<Business> declared = Business.of(method);
        this.returned = events(declared, StoreEvent.When.RETURNED, metrics, tags);
        this.replayed = events(declared, StoreEvent.When.REPLAYED, metrics, tags);
        this.conflicted = events(declared, StoreEvent.When.CONFLICTED, metrics, tags);
    }

    private static Event[] events(List<Business> declared, StoreEvent.When outcome, StoreMetrics metrics,
            MetricTags tags) {
        List<Event> out = new ArrayList<>();
        for (Business b : declared) {
            if (b.countsOn(outcome)) {
                out.add(new Event(b, metrics.businessCounter(b, tags)));
            }
        }
        return out.isEmpty() ? NONE : out.toArray(Event[]::new);
    }
}
