/** CDI wiring derived from the API (not exported): the tier-qualified beans of every backend. */
package org.oidcstore.store.internal.cdi;
