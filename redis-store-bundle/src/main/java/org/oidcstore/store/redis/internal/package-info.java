/**
 * Implementation of the Redis tier; private to the bundle. {@code RedisKeys} is the keyspace,
 * {@code Scripts} the Lua scripts, {@code RedisExceptions} the one exception translator.
 */
package org.oidcstore.store.redis.internal;
