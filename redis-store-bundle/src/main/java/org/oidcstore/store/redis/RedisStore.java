package org.oidcstore.store.redis;

import org.oidcstore.store.OidcStore;

/**
 * The Redis tier's aggregate: an {@link OidcStore} hosting SESSIONS, INTERACTIONS (with
 * compare-and-swap), CONSUMED_JWT_IDS and PUSHED_AUTHORIZATION_REQUESTS, that owns a Redis client
 * and must be closed.
 */
public interface RedisStore extends OidcStore, AutoCloseable {

    /** Closes the Redis client; later operations fail. Idempotent. */
    @Override
    void close();
}
