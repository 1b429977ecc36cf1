package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.HostedKinds;

/**
 * The kinds the Redis tier hosts, the one place that names them: the aggregate, the
 * {@code @Volatile} beans and what deployment validation knows of the tier are derived from this
 * table. Hosting a new kind is one line here (two with scripts) and its store class, which holds the
 * kind's keys, body codec and scripts.
 */
public final class RedisKinds implements Supplier<HostedKinds<?>> {

    /** What every Redis store is built from: the (lazily started) engine and the store clock. */
    record Parts(EngineHolder holder, Clock clock) {
    }

    static final HostedKinds<Parts> TABLE = HostedKinds.<Parts>builder()
            .host(StoreKind.SESSIONS, RedisSessionStore.class, p -> new RedisSessionStore(p.holder(), p.clock()))
            .host(StoreKind.INTERACTIONS, RedisInteractionStore.class,
                    p -> new RedisInteractionStore(p.holder(), p.clock()))
            .host(StoreKind.CONSUMED_JWT_IDS, RedisConsumedJwtIdStore.class,
                    p -> new RedisConsumedJwtIdStore(p.holder(), p.clock()))
            .host(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, RedisPushedAuthorizationRequestStore.class,
                    p -> new RedisPushedAuthorizationRequestStore(p.holder(), p.clock()))
            .host(StoreKind.DEVICE_AUTHORIZATIONS, RedisDeviceAuthorizationStore.class,
                    p -> new RedisDeviceAuthorizationStore(p.holder(), p.clock()))
            .host(StoreKind.CIBA_REQUESTS, RedisCibaRequestStore.class,
                    p -> new RedisCibaRequestStore(p.holder(), p.clock()))
            .build();

    /** Every Lua script of the hosted kinds, loaded (and their hashes checked) when the engine starts. */
    static final List<LuaScript> SCRIPTS = Stream.of(SessionScripts.SCRIPTS, RedisInteractionStore.SCRIPTS,
            RedisConsumedJwtIdStore.SCRIPTS, RedisPushedAuthorizationRequestStore.SCRIPTS,
            ApprovalScripts.SCRIPTS, DeviceScripts.SCRIPTS, SubjectHints.SCRIPTS).flatMap(List::stream).toList();

    @Override
    public HostedKinds<?> get() {
        return TABLE;
    }
}
