package org.oidcstore.store.redis;

import org.oidcstore.store.redis.internal.RedisFixture;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.VolatileTierSuite;

/** The TCK of the volatile kinds on (b) TLS 1.2+ with full verification and a least-privilege ACL user. */
class TlsAclTckTest extends VolatileTierSuite {
    @Override
    protected StoreFixture newFixture() {
        return new RedisFixture(Topology.TLS_ACL);
    }
}
