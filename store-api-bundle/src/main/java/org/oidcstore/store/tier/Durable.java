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
 * Qualifies the beans of the durable backend ({@link StoreTier#DURABLE}): the JPA bundle produces
 * one {@code @Durable} bean per substore it hosts and a {@code @Durable OidcStore}. Applications
 * normally inject the unqualified ({@code @Default}) beans of the composite instead.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface Durable {

    /** For programmatic lookup: {@code instance.select(Durable.Literal.INSTANCE)}. */
    final class Literal extends AnnotationLiteral<Durable> implements Durable {
        private static final long serialVersionUID = 1L;
        public static final Literal INSTANCE = new Literal();
    }
}
