package org.oidcstore.store.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the API method a contract case exercises, for {@link ContractCoverage}. The interface is
 * the {@link ContractFor} of the enclosing contract class unless {@link #type()} says otherwise.
 * {@link #race()} says that the case races the method: many threads call it at once through
 * {@link Race}, which every method marked {@code @SingleWinner} needs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Covers.List.class)
public @interface Covers {

    /** The method name. */
    String value();

    /** The interface declaring it; {@code Void.class} means the class's {@link ContractFor}. */
    Class<?> type() default Void.class;

    /**
     * Whether the case races the method: it runs {@link Race#rounds} with threads calling it at
     * once. {@link RaceCaseCheck} fails a case marked so that does not run {@code Race}, and a
     * case that runs {@code Race} without naming what it races.
     */
    boolean race() default false;

    /** Container of repeated {@link Covers}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Covers[] value();
    }
}
