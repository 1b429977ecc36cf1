package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Real races: {@link #THREADS} threads released by one barrier run the same operation at once,
 * for {@link #ROUNDS} rounds, each round on fresh state. The caller asserts the outcome of every
 * round (exactly one winner, the losers getting the documented exception).
 */
public final class Race {

    /** Threads per round. */
    public static final int THREADS = 16;
    /** Rounds per race; {@code -Doidc.tck.race.rounds=N} raises it for a soak run (never lowers it). */
    public static final int ROUNDS = Math.max(50, Integer.getInteger("oidc.tck.race.rounds", 50));

    private static final long ROUND_TIMEOUT_SECONDS = 120;

    /** How many races each thread started, for {@link RaceCaseCheck}. */
    private static final ThreadLocal<int[]> STARTED = ThreadLocal.withInitial(() -> new int[1]);

    private Race() {
    }

    /** How many races the calling thread has started: {@link RaceCaseCheck} compares it around a case. */
    static int startedOnThisThread() {
        return STARTED.get()[0];
    }

    /** What one thread's call produced: a value or an exception. */
    public record Outcome<R>(R value, Throwable error) {
        public boolean succeeded() {
            return error == null;
        }
    }

    /**
     * Runs {@link #ROUNDS} rounds. For each round, {@code setup} prepares fresh state and returns
     * the operation thread {@code i} runs; {@code check} asserts the round's outcomes.
     */
    public static <R> void rounds(RoundSetup<R> setup, RoundCheck<R> check) {
        STARTED.get()[0]++;
        try {
            runRounds(setup, check);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("race setup or check failed", e);
        }
    }

    private static <R> void runRounds(RoundSetup<R> setup, RoundCheck<R> check) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "tck-race");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int round = 0; round < ROUNDS; round++) {
                IntFunction<Callable<R>> op = setup.prepare(round);
                List<Outcome<R>> outcomes = once(pool, op);
                check.verify(round, outcomes);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> List<Outcome<R>> once(ExecutorService pool, IntFunction<Callable<R>> op) {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Outcome<R>>> futures = new ArrayList<>(THREADS);
        for (int i = 0; i < THREADS; i++) {
            Callable<R> call = op.apply(i);
            futures.add(pool.submit(() -> {
                start.await(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                try {
                    return new Outcome<>(call.call(), null);
                } catch (Exception | AssertionError e) {
                    return new Outcome<R>(null, e);
                }
            }));
        }
        List<Outcome<R>> outcomes = new ArrayList<>(THREADS);
        for (Future<Outcome<R>> f : futures) {
            try {
                outcomes.add(f.get(ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("race interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                Throwable c = e.getCause() instanceof BrokenBarrierException ? e.getCause() : e;
                throw new AssertionError("a racing thread did not finish in " + ROUND_TIMEOUT_SECONDS + " s", c);
            }
        }
        return outcomes;
    }

    /** Asserts exactly one success and that every failure is of {@code loserType}. */
    public static <R> void assertOneWinner(int round, List<Outcome<R>> outcomes, Class<? extends Throwable> loserType) {
        long winners = outcomes.stream().filter(Outcome::succeeded).count();
        List<Throwable> wrong = outcomes.stream().filter(o -> !o.succeeded())
                .map(Outcome::error).filter(e -> !loserType.isInstance(e)).toList();
        assertThat(wrong).as("round %d: losers must get %s", round, loserType.getSimpleName()).isEmpty();
        assertThat(winners).as("round %d: winners among %d racing threads", round, THREADS).isEqualTo(1);
    }

    /** Prepares one round. */
    @FunctionalInterface
    public interface RoundSetup<R> {
        IntFunction<Callable<R>> prepare(int round) throws Exception;
    }

    /** Checks one round. */
    @FunctionalInterface
    public interface RoundCheck<R> {
        void verify(int round, List<Outcome<R>> outcomes) throws Exception;
    }
}
