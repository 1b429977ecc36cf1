/**
 * The durable tier in a CDI container: the producer of the {@code @Durable} aggregate and the
 * {@code ConfigSafetyCheck} deployment validation asks. Not exported.
 */
package org.oidcstore.store.jpa.internal.cdi;
