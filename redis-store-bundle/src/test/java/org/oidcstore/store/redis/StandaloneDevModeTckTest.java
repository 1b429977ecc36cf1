package org.oidcstore.store.redis;

import org.oidcstore.store.redis.internal.RedisFixture;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.VolatileTierSuite;

/** The TCK of the volatile kinds on (a) plain Redis with requirepass, in dev mode. */
class StandaloneDevModeTckTest extends VolatileTierSuite {
    @Override
    protected StoreFixture newFixture() {
        return new RedisFixture(Topology.PLAIN);
    }
}
