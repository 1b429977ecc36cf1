/**
 * Implementation of the durable tier: bootstrap (persistence unit, JTA wiring, pool, migrations),
 * the transaction runner, exception translation, GC and the CDI producer. Not exported.
 */
package org.oidcstore.store.jpa.internal;
