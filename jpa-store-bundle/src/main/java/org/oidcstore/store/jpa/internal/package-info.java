/**
 * Implementation of the durable tier, by job: the kinds table {@code JpaKinds} and the aggregate
 * {@code JpaOidcStore} here; {@code boot} (opening: persistence unit, JTA wiring, pool,
 * migrations, platforms, schema check, required classes), {@code runtime} (transaction runner,
 * per-store context, SQL helpers, exception translation, codecs), {@code gc}, {@code cdi}
 * (producer, deployment check), {@code store} (one class per substore), {@code row} (the records
 * the plain-JDBC hot path reads and binds) and {@code entity} (the JPA mappings). Not exported.
 */
package org.oidcstore.store.jpa.internal;
