package org.oidcstore.store.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API method whose calls are a business event worth a counter of its own (codes issued,
 * refresh rotations, replays detected…). Metrics are derived from these annotations, so the
 * composite's metering names no kind, and a new kind declares its events where its methods are
 * specified. The counter is {@code oidc_store_<value>_total}, tagged like every store metric.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(StoreEvent.List.class)
public @interface StoreEvent {

    /** The event's name in the counter: {@code codes_issued} gives {@code oidc_store_codes_issued_total}. */
    String value();

    /** The counter's description. */
    String description();

    /** Which outcome of the call counts. */
    When when();

    /**
     * Counts only calls whose argument at this index is not {@code null} (e.g. the parent of a
     * refresh-token save: a rotation); {@code -1} counts every call.
     */
    int ifArgumentPresent() default -1;

    /**
     * Counts only calls whose result has a {@code boolean} accessor of this name returning
     * {@code true}; empty counts every call. On an {@code Optional} result, an accessor of
     * {@code Optional} itself applies to it ({@code isPresent}: only calls that found something),
     * any other name is an accessor of the element, and an empty result does not count.
     */
    String ifResult() default "";

    /** The outcome of a call that counts. */
    enum When {
        /** the call returned, and the transaction it joined (if any) committed */
        COMMITTED,
        /** the call returned */
        RETURNED,
        /** the call raised {@code AlreadyConsumedException} */
        REPLAYED,
        /** the call raised {@code ConflictException} */
        CONFLICTED
    }

    /** Several events of one method. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        StoreEvent[] value();
    }
}
