package org.oidcstore.store.tier;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Qualifies the beans of the volatile backend ({@link StoreTier#VOLATILE}): the Redis or memory bundle produces
 * one {@code @Volatile} bean per substore it hosts and a {@code @Volatile OidcStore}. Applications
 * normally inject the unqualified ({@code @Default}) beans of the composite instead.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface Volatile {

    /** For programmatic lookup: {@code instance.select(Volatile.Literal.INSTANCE)}. */
    final class Literal extends AnnotationLiteral<Volatile> implements Volatile {
        private static final long serialVersionUID = 1L;
        public static final Literal INSTANCE = new Literal();
    }
}
