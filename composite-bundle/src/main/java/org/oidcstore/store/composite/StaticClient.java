package org.oidcstore.store.composite;

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
 * Declares static clients from CDI: a producer of {@code @StaticClient Client} or
 * {@code @StaticClient List<Client>} is reconciled at start-up together with the clients of
 * {@code oidc.store.static-clients.*}, all or nothing. The client's {@code secretHash} must be a
 * hash ({@code ClientSecrets.hash}); its {@code source} should be {@code STATIC}.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface StaticClient {

    /** For programmatic lookup. */
    final class Literal extends AnnotationLiteral<StaticClient> implements StaticClient {
        private static final long serialVersionUID = 1L;
        public static final Literal INSTANCE = new Literal();
    }
}
