package org.oidcstore.store.redis;

/** How the store reaches Redis; chosen by which connection settings are present. */
public enum RedisTopology {
    /** One server: {@code oidc.store.redis.uri}. */
    STANDALONE,
    /** A master found through Sentinel: {@code oidc.store.redis.sentinel.master} and {@code .sentinel.nodes}. */
    SENTINEL,
    /** Redis Cluster: {@code oidc.store.redis.cluster.nodes}; every multi-key operation stays in one hash slot. */
    CLUSTER
}
