/**
 * MicroProfile Health checks of the store: a readiness check per tier and a liveness check. Only
 * {@code MpHealthBeans} references MicroProfile Health; it is loaded reflectively, after
 * {@link org.oidcstore.store.composite.internal.health.HealthSupport} found the API, so a server
 * without MicroProfile Health deploys the composite unchanged.
 */
package org.oidcstore.store.composite.internal.health;
