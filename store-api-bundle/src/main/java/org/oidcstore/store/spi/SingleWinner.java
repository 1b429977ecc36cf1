package org.oidcstore.store.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API method that decides, inside the engine, a single winner among concurrent calls on
 * the same record (a consume, a mark, a compare-and-swap, an optimistic update). The TCK's
 * coverage guard requires a real race case (many threads, repeated rounds) for every such method,
 * so a new single-use operation cannot ship without one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SingleWinner {
}
