/**
 * Opening the durable tier: settings to a running persistence unit (JTA wiring with Narayana in
 * Java SE, the Agroal pool, Flyway migrations, the EclipseLink platforms, the schema check) and the
 * classes each mode needs. Not exported.
 */
package org.oidcstore.store.jpa.internal.boot;
