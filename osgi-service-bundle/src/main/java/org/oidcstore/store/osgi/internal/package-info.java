/**
 * The OSGi service: a Declarative Services component reading the Configuration Admin PID
 * {@code org.oidcstore.store} and registering the composite as an {@code OidcStore} service.
 * Private to the bundle.
 */
package org.oidcstore.store.osgi.internal;
