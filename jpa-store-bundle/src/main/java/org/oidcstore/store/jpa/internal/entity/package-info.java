/**
 * The JPA entities of the tier, one per table (one per substore; grant revocations have two
 * tables). Each entity converts from and to its API record; stores never touch fields. Collection
 * columns hold JSON text ({@code runtime.Json}), instants UTC {@code LocalDateTime}s
 * ({@code runtime.Times}), bearer secrets only their digests.
 */
package org.oidcstore.store.jpa.internal.entity;
