/**
 * The JPA entities of the tier, one per table (one per substore; grant revocations have two
 * tables; the columns both polled-request tables share are {@code PolledRequestEntity}'s, a mapped
 * superclass): the mappings that JPQL statements and the schema check see. They are not JDBC row
 * mappers: an entity read through JPA hands its values over as its {@code row} record, which
 * decodes them; collection columns hold JSON text ({@code runtime.Json}), instants UTC
 * {@code LocalDateTime}s ({@code runtime.Times}), bearer secrets only their digests.
 */
package org.oidcstore.store.jpa.internal.entity;
