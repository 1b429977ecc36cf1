package org.oidcstore.store.redis.internal;

import java.util.function.Supplier;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.RedisSettings;

/**
 * Starts the engine on first use (lazy CDI beans never connect before a real operation) and keeps
 * it. A failed start is not remembered: the next operation tries again, so a store whose Redis was
 * down at its first use recovers without a restart.
 */
public final class EngineHolder implements AutoCloseable {
    private final Supplier<RedisSettings> settings;
    private volatile RedisEngine engine;
    private boolean closed;

    public EngineHolder(Supplier<RedisSettings> settings) {
        this.settings = settings;
    }

    /** An already started engine. */
    public EngineHolder(RedisEngine started) {
        this.settings = started::settings;
        this.engine = started;
    }

    public RedisEngine get() {
        RedisEngine e = engine;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (closed) {
                throw new StoreUnavailableException("OIDCS-1450 the Redis tier is closed");
            }
            if (engine == null) {
                engine = RedisEngine.start(settings.get());
            }
            return engine;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        RedisEngine e = engine;
        engine = null;
        if (e != null) {
            e.close();
        }
    }

    boolean isClosed() {
        return closed;
    }
}
