/**
 * Metrics of the composite. Only {@code MpStoreMetrics} references MicroProfile Metrics, only
 * {@code MicrometerStoreMetrics} references Micrometer and only {@code JtaCommitHook} references
 * JTA; each is loaded reflectively, after a guard found the API (see
 * {@link org.oidcstore.store.composite.internal.metrics.MetricsSupport}), so a server without
 * MicroProfile Metrics (WildFly) or without Micrometer or JTA deploys the composite unchanged.
 */
package org.oidcstore.store.composite.internal.metrics;
