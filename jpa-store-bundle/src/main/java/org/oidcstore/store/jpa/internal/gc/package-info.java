/** The expired-record collector of the durable tier: bounded batched sweeps and their schedule. Not exported. */
package org.oidcstore.store.jpa.internal.gc;
