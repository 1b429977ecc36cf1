package org.oidcstore.store.redis;

import org.oidcstore.store.redis.internal.RedisFixture;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.VolatileTierSuite;

/** The TCK of the volatile kinds on (d) a three-master Redis Cluster (AUTH); multi-key operations are hash-tagged. */
class ClusterTckTest extends VolatileTierSuite {
    @Override
    protected StoreFixture newFixture() {
        return new RedisFixture(Topology.CLUSTER);
    }
}
