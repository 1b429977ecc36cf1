package org.oidcstore.store.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Writers that keep changing a listing while a test pages through it. Each of {@code threads}
 * threads runs {@code step(thread, n)} for n = 0, 1, …, one step per permit the reader hands out
 * with {@link #pace} (so the writers run alongside every page on any engine, however fast, and a
 * listing always reaches its end), until {@link #close()}, which stops them, waits for them and
 * rethrows the first failure of a step.
 */
final class Churn implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 120;

    private final ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Semaphore permits = new Semaphore(0);

    private Churn(int threads, BiConsumer<Integer, Integer> step) {
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tck-churn");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < threads; i++) {
            int thread = i;
            running.add(pool.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    if (permits.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                        step.accept(thread, n++);
                    }
                }
                return null;
            }));
        }
    }

    /** Starts {@code threads} idle writers; {@link #pace} sets them going. */
    static Churn start(int threads, BiConsumer<Integer, Integer> step) {
        return new Churn(threads, step);
    }

    /** Lets the writers make {@code steps} more steps, while the caller goes on (e.g. reads a page). */
    void pace(int steps) {
        permits.release(steps);
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            for (Future<?> f : running) {
                f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent writer failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a concurrent writer did not stop in " + TIMEOUT_SECONDS + " s", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
