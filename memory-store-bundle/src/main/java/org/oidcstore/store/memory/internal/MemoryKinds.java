package org.oidcstore.store.memory.internal;

import java.util.function.Supplier;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.HostedKinds;

/**
 * The kinds the memory tier hosts, the one place that names them: everything else (the
 * aggregate, the {@code @Volatile} beans, what deployment validation knows of the tier) is derived
 * from this table. Hosting a new kind is one line here plus its store class.
 */
public final class MemoryKinds implements Supplier<HostedKinds<?>> {

    static final HostedKinds<MemoryParts> TABLE = HostedKinds.<MemoryParts>builder()
            .host(StoreKind.SESSIONS, MemorySessionStore.class, MemorySessionStore::of)
            .host(StoreKind.INTERACTIONS, MemoryInteractionStore.class, MemoryInteractionStore::of)
            .host(StoreKind.CONSUMED_JWT_IDS, MemoryConsumedJwtIdStore.class, MemoryConsumedJwtIdStore::of)
            .host(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, MemoryPushedAuthorizationRequestStore.class,
                    MemoryPushedAuthorizationRequestStore::of)
            .host(StoreKind.DEVICE_AUTHORIZATIONS, MemoryDeviceAuthorizationStore.class,
                    MemoryDeviceAuthorizationStore::of)
            .host(StoreKind.CIBA_REQUESTS, MemoryCibaRequestStore.class, MemoryCibaRequestStore::of)
            .build();

    @Override
    public HostedKinds<?> get() {
        return TABLE;
    }
}
