package org.oidcstore.store.composite.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tier.StoreTier;

/** Backend facts as the extension would gather them for the real bundles, and variations. */
public final class Backends {
    private Backends() {
    }

    public static final Set<StoreKind> VOLATILE_KINDS = EnumSet.of(StoreKind.SESSIONS, StoreKind.INTERACTIONS,
            StoreKind.CONSUMED_JWT_IDS, StoreKind.PUSHED_AUTHORIZATION_REQUESTS, StoreKind.DEVICE_AUTHORIZATIONS,
            StoreKind.CIBA_REQUESTS);

    static BackendFacts jpa() {
        return new BackendFacts("jpa", StoreTier.DURABLE, EnumSet.allOf(StoreKind.class), true, true, List.of(),
                "org.oidcstore.store.jpa.internal.cdi.JpaStoreProducer");
    }

    static BackendFacts memory() {
        return new BackendFacts("memory", StoreTier.VOLATILE, VOLATILE_KINDS, false, false, List.of(),
                "org.oidcstore.store.memory.internal.MemoryStoreProducer");
    }

    static BackendFacts redis(String... unsafe) {
        return new BackendFacts("redis", StoreTier.VOLATILE, VOLATILE_KINDS, false, false, List.of(unsafe),
                "org.oidcstore.store.redis.internal.RedisStoreProducer");
    }

    static BackendFacts durable(String name, boolean transactional, boolean reconciler, Set<StoreKind> kinds,
            String... unsafe) {
        return new BackendFacts(name, StoreTier.DURABLE, kinds, transactional, reconciler, List.of(unsafe),
                "test." + name);
    }

    static Set<StoreKind> allBut(StoreKind... missing) {
        Set<StoreKind> s = EnumSet.allOf(StoreKind.class);
        s.removeAll(List.of(missing));
        return s;
    }

    static RoutingFacts.Builder deployment() {
        return RoutingFacts.builder(RoutingFacts.Origin.DEPLOYMENT);
    }
}
