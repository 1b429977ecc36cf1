/**
 * Implementation of the composite: the routed store, the CDI extension and producers, configuration
 * reading and static-client seeding. Private to the bundle.
 */
package org.oidcstore.store.composite.internal;
