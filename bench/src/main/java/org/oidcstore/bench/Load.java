package org.oidcstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Drives N threads released together by a barrier, each calling a body in a closed loop (no
 * think time, no pipelining: a thread issues its next call when the previous one returned). Every
 * call's latency goes into a per-thread HdrHistogram (ns, 3 significant digits), merged at the end;
 * a body may also time its own steps. Any exception fails the whole run (a benchmark that hides
 * errors measures the wrong thing).
 */
final class Load {
    private static final long MAX_NS = 60_000_000_000L;

    private Load() {
    }

    interface Body {
        void run(Ctx c) throws Exception;
    }

    /** Per-thread context: the thread's index, the call's sequence number, step histograms. */
    static final class Ctx {
        final int thread;
        long seq;
        final Histogram[] steps;

        Ctx(int thread, int steps) {
            this.thread = thread;
            this.steps = new Histogram[steps];
            for (int i = 0; i < steps; i++) {
                this.steps[i] = new Histogram(MAX_NS, 3);
            }
        }

        /** Records the time since {@code startNs} for step {@code i}; returns now (the next step's start). */
        long step(int i, long startNs) {
            long now = System.nanoTime();
            steps[i].recordValue(Math.min(MAX_NS, now - startNs));
            return now;
        }
    }

    record Result(long ops, long nanos, Histogram latency, Histogram[] steps) {
        double opsPerSecond() {
            return ops * 1e9 / nanos;
        }

        /** Latency quantile in microseconds. */
        double us(double q) {
            return latency.getValueAtPercentile(q) / 1e3;
        }

        static double us(Histogram h, double q) {
            return h.getValueAtPercentile(q) / 1e3;
        }
    }

    /** Runs exactly {@code total} calls spread over the threads (each call gets a unique seq). */
    static Result count(int threads, long total, int steps, Body body) {
        AtomicLong next = new AtomicLong();
        return run(threads, steps, body, () -> {
            long s = next.getAndIncrement();
            return s < total ? s : -1;
        }, Long.MAX_VALUE);
    }

    /** Runs calls for {@code nanos} (a call in flight at the deadline completes and counts). */
    static Result timed(int threads, long nanos, int steps, Body body) {
        AtomicLong next = new AtomicLong();
        return run(threads, steps, body, next::getAndIncrement, nanos);
    }

    private interface Tickets {
        long next();
    }

    private static Result run(int threads, int steps, Body body, Tickets tickets, long nanos) {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Ctx> ctxs = new ArrayList<>();
        List<Histogram> hists = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        long[] t0 = new long[1];
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Ctx c = new Ctx(i, steps);
            Histogram h = new Histogram(MAX_NS, 3);
            long[] count = new long[1];
            ctxs.add(c);
            hists.add(h);
            counts.add(count);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    long deadline = t0[0] + nanos;
                    while (failure.get() == null) {
                        long s = tickets.next();
                        if (s < 0) {
                            break;
                        }
                        c.seq = s;
                        long b = System.nanoTime();
                        if (nanos != Long.MAX_VALUE && b - deadline >= 0) {
                            break;
                        }
                        body.run(c);
                        h.recordValue(Math.min(MAX_NS, System.nanoTime() - b));
                        count[0]++;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "load-" + i);
            ts.add(t);
            t.start();
        }
        try {
            t0[0] = System.nanoTime();
            start.await();
            for (Thread t : ts) {
                t.join();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long elapsed = System.nanoTime() - t0[0];
        if (failure.get() != null) {
            throw new IllegalStateException("a load thread failed: " + failure.get(), failure.get());
        }
        Histogram all = new Histogram(MAX_NS, 3);
        hists.forEach(all::add);
        Histogram[] st = new Histogram[steps];
        for (int i = 0; i < steps; i++) {
            st[i] = new Histogram(MAX_NS, 3);
            for (Ctx c : ctxs) {
                st[i].add(c.steps[i]);
            }
        }
        long ops = counts.stream().mapToLong(c -> c[0]).sum();
        return new Result(ops, elapsed, all, st);
    }
}
