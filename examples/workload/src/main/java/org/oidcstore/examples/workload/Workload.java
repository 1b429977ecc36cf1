package org.oidcstore.examples.workload;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.User;

/**
 * Runs {@link ProviderFlow}s against an {@link OidcStore} (in the examples, the composite's
 * {@code @Default} bean) with the requested concurrency, printing a progress line on long runs.
 */
public final class Workload {
    /** The clients the flows use; the examples declare them as static clients. */
    public static final List<String> CLIENT_IDS = List.of("shop-web", "shop-mobile", "partner-portal");
    /** Distinct end users. */
    public static final int USERS = 50;

    private Workload() {
    }

    /** The outcome of a run. */
    public record Result(Tally tally, Duration elapsed, int flows) {
        public double flowsPerSecond() {
            return flows / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** Creates the users the flows sign in, when the store can write users. */
    public static void seedUsers(OidcStore store, Clock clock) {
        store.userRegistry().ifPresent(users -> {
            for (int i = 0; i < USERS; i++) {
                users.save(new User("user-" + i, Map.of("email", "\"user-" + i + "@example.com\"",
                        "email_verified", "true"), clock.instant()));
            }
        });
    }

    public static Result run(OidcStore store, Clock clock, WorkloadOptions options, PrintStream progress)
            throws InterruptedException {
        Tally tally = new Tally(options.flows());
        ProviderFlow flow = new ProviderFlow(store, clock, tally);
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "provider-flow");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 1; i <= options.flows(); i++) {
            int n = i;
            pool.execute(() -> {
                long t0 = System.nanoTime();
                try {
                    flow.run(n, n % options.replayEvery() == 0);
                    tally.flowsCompleted.increment();
                } catch (RuntimeException | Error e) {
                    tally.failed(e);
                } finally {
                    tally.latency(System.nanoTime() - t0);
                    done.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        Instant lastPrint = Instant.now();
        while (!pool.awaitTermination(250, TimeUnit.MILLISECONDS)) {
            if (Duration.between(lastPrint, Instant.now()).toMillis() >= 1000) {
                lastPrint = Instant.now();
                printProgress(progress, done.get(), options.flows(), System.nanoTime() - start);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (elapsed.toMillis() >= 1000) {
            printProgress(progress, done.get(), options.flows(), elapsed.toNanos());
            progress.println();
        }
        return new Result(tally, elapsed, options.flows());
    }

    private static void printProgress(PrintStream out, int done, int total, long nanos) {
        int width = 30;
        int filled = (int) ((long) done * width / total);
        out.printf("\r  [%s%s] %d/%d flows, %.0f flows/s   ", "#".repeat(filled), " ".repeat(width - filled), done,
                total, done / Math.max(1e-9, nanos / 1e9));
        out.flush();
    }
}
