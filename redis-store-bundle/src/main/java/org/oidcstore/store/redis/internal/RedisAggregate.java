package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.oidcstore.store.Readiness;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.spi.HostedKinds;

/** The Redis tier's aggregate: the stores of {@link RedisKinds} over one lazily started engine. */
public final class RedisAggregate implements RedisStore {
    public static final String BACKEND = "redis";

    private final EngineHolder holder;
    private final Supplier<List<String>> unsafe;
    private final HostedKinds.Stores stores;

    public RedisAggregate(EngineHolder holder, Clock clock, Supplier<List<String>> unsafe) {
        this.holder = holder;
        this.unsafe = unsafe;
        this.stores = RedisKinds.TABLE.create(BACKEND, new RedisKinds.Parts(holder, clock));
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public Set<StoreKind> kinds() {
        return stores.kinds();
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public List<String> unsafeSettings() {
        return unsafe.get();
    }

    @Override
    public Object store(StoreKind kind) {
        return stores.store(kind);
    }

    @Override
    public Readiness readiness() {
        return RedisReadiness.probe(holder);
    }

    @Override
    public void close() {
        holder.close();
    }

    @Override
    public String toString() {
        return "RedisStore[" + (holder.isClosed() ? "closed" : "open") + "]";
    }
}
