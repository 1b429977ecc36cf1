package org.oidcstore.store.tier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a backend to deployment validation without creating it: put it on the CDI bean class
 * (the producer class) that produces a backend's {@code @Durable} or {@code @Volatile}
 * {@code OidcStore}. The composite's CDI extension reads it from bean metadata in {@code ProcessBean}, so it
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

    /**
     * The table of the kinds the backend hosts: a class with a public no-argument constructor whose
     * {@code get()} returns the same {@link org.oidcstore.store.spi.HostedKinds} the aggregate is
     * built from. Deployment validation reads the kinds (and the types each offers) from it without
     * creating the backend, and the backend's tier-qualified beans ({@code @Durable RefreshTokenStore},
     * …) are derived from it: the producer class produces only the aggregate {@code OidcStore}.
     */
    Class<? extends java.util.function.Supplier<org.oidcstore.store.spi.HostedKinds<?>>> kinds();
}
