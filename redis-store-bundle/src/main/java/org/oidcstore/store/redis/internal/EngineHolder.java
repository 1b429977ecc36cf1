package org.oidcstore.store.redis.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.RedisSettings;

/**
 * Starts the engine on first use (lazy CDI beans never connect before a real operation) and keeps
 * it. While Redis does not answer, every caller must still fail within
 * {@code oidc.store.redis.timeout}, however many arrive and however long a start takes (a start is
 * a connect, a PING, the engine check and the script loads; with Sentinel, one sentinel after the
 * other). So:
 * <ul>
 *   <li>a start attempt runs on a thread of its own, and concurrent callers share it: each waits
 *       for it at most the rest of its own timeout, and fails after that while the attempt goes
 *       on in the background (its engine is kept if it succeeds);</li>
 *   <li>a failed attempt is remembered for {@link #BACKOFF}: callers meanwhile fail at once with
 *       an exception of the same type and message id, and Redis is not asked again;</li>
 *   <li>the first caller after the back-off starts a new attempt, so the store recovers by itself,
 *       without a restart, once Redis answers.</li>
 * </ul>
 * Nothing in this class is on the path of a started engine but one volatile read.
 */
public final class EngineHolder implements AutoCloseable {
    /** How long a failed start is remembered before the next caller tries again. */
    static final Duration BACKOFF = Duration.ofSeconds(1);

    private final Supplier<RedisSettings> settings;
    private final Object lock = new Object();
    private volatile RedisEngine engine;
    // guarded by lock
    private CompletableFuture<RedisEngine> attempt;
    private long attemptBudgetNanos;
    private StoreException lastFailure;
    private long lastFailureAt;
    private boolean warned;
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
        long entered = System.nanoTime();
        CompletableFuture<RedisEngine> shared;
        long budget;
        synchronized (lock) {
            if (closed) {
                throw new StoreUnavailableException(RedisMessages.UNREACHABLE + " the Redis tier is closed");
            }
            if (engine != null) {
                return engine;
            }
            if (attempt == null) {
                if (lastFailure != null && entered - lastFailureAt < BACKOFF.toNanos()) {
                    throw copy(lastFailure, lastFailure.getMessage() + " (remembered from the start attempt that "
                            + "failed " + TimeUnit.NANOSECONDS.toMillis(entered - lastFailureAt) + " ms ago; the next "
                            + "attempt comes after " + BACKOFF.toMillis() + " ms)");
                }
                RedisSettings s;
                try {
                    s = settings.get(); // reads and validates the configuration: no I/O beyond key stores
                } catch (StoreException invalid) {
                    failed(invalid);
                    throw invalid;
                }
                attempt = startInBackground(s, !warned);
                warned = true;
                attemptBudgetNanos = s.timeout().toNanos();
            }
            shared = attempt;
            budget = attemptBudgetNanos;
        }
        try {
            return shared.get(Math.max(0, budget - (System.nanoTime() - entered)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillRunning) {
            throw new StoreUnavailableException(RedisMessages.UNREACHABLE
                    + " redis tier.start: Redis did not answer within "
                    + "oidc.store.redis.timeout; the start attempt goes on in the background, and the next "
                    + "operation uses its engine if it succeeds");
        } catch (ExecutionException failed) {
            StoreException cause = (StoreException) failed.getCause(); // attempts end with nothing else
            throw copy(cause, cause.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(RedisMessages.UNREACHABLE
                    + " redis tier.start: interrupted while waiting for Redis");
        }
    }

    private CompletableFuture<RedisEngine> startInBackground(RedisSettings s, boolean warn) {
        CompletableFuture<RedisEngine> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            RedisEngine started = null;
            StoreException failure = null;
            try {
                started = RedisEngine.start(s, warn);
            } catch (StoreException ex) {
                failure = ex;
            } catch (RuntimeException ex) {
                failure = RedisExceptions.translate(ex, "tier", "start");
            } catch (Throwable ex) { // an Error must still end the attempt, or every caller would wait for it
                failure = new StoreException(RedisMessages.UNEXPECTED_REPLY + " redis tier.start: unexpected failure ("
                        + ex.getClass().getSimpleName() + ")", ex);
            }
            synchronized (lock) {
                attempt = null;
                if (started != null && closed) {
                    started.close();
                    failure = new StoreUnavailableException(RedisMessages.UNREACHABLE + " the Redis tier is closed");
                    started = null;
                }
                if (started != null) {
                    engine = started;
                    lastFailure = null;
                } else {
                    failed(failure);
                }
            }
            if (started != null) {
                f.complete(started);
            } else {
                f.completeExceptionally(failure);
            }
        }, "oidc-store-redis-start");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** Remembers a failed start for the back-off; guarded by lock. */
    private void failed(StoreException failure) {
        lastFailure = failure;
        lastFailureAt = System.nanoTime();
        RedisEngine.LOG.log(Level.WARNING, "the Redis tier could not start: " + failure.getMessage()
                + " (operations fail at once for " + BACKOFF.toMillis() + " ms; the first one after that tries again)");
    }

    /** Every caller gets its own exception (its own stack trace), with the shared one as the cause. */
    private static StoreException copy(StoreException failure, String message) {
        if (failure instanceof StoreConfigurationException) {
            return new StoreConfigurationException(message, failure);
        }
        if (failure instanceof StoreUnavailableException) {
            return new StoreUnavailableException(message, failure);
        }
        return new StoreException(message, failure);
    }

    @Override
    public void close() {
        RedisEngine e;
        synchronized (lock) {
            closed = true;
            e = engine;
            engine = null;
        }
        if (e != null) {
            e.close();
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }
}
