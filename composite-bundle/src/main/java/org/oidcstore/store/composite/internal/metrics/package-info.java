/**
 * Metrics of the composite. Only {@code MpStoreMetrics} references MicroProfile Metrics and only
 * {@code JtaCommitHook} references JTA; both are loaded reflectively, after a guard found the API
 * (see {@link org.oidcstore.store.composite.internal.metrics.MetricsSupport}), so a server without
 * MicroProfile Metrics (WildFly) or without JTA deploys the composite unchanged.
 */
package org.oidcstore.store.composite.internal.metrics;
