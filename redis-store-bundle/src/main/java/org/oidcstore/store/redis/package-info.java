/**
 * The volatile tier of oidc-store on Redis (Jedis): pushed authorization requests, consumed JWT
 * IDs, interactions (with compare-and-swap) and, under the volatile session posture, sessions.
 *
 * <p>Entry points: {@link org.oidcstore.store.redis.RedisStores} (Java SE, OSGi),
 * {@link org.oidcstore.store.redis.RedisSettings} (typed settings from MicroProfile Config) and, in
 * CDI, the {@code @Volatile} beans produced by this bundle. Guarantees, keyspace and settings are
 * described in the module's README and in {@code RedisKeys}.
 */
@Export
@Version("2.0.0")
package org.oidcstore.store.redis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
