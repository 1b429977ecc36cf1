package org.oidcstore.store.tier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a backend to deployment validation without creating it: put it on the CDI bean class
 * (usually the producer class) that produces a backend's {@code @Durable} or {@code @Volatile}
 * beans. The composite's CDI extension reads it from bean metadata in {@code ProcessBean}, so it
 * can name the backend and check that the transactional cluster sits on a transactional backend
 * without ever instantiating a bean or opening a connection. Its values must agree with the
 * aggregate's {@code backend()} and {@code transactional()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BackendInfo {

    /** The backend's short name, equal to {@code OidcStore.backend()}: {@code jpa}, {@code redis}, {@code memory}. */
    String name();

    /** Equal to {@code OidcStore.transactional()}. */
    boolean transactional();
}
