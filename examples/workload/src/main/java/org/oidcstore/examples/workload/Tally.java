package org.oidcstore.examples.workload;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/** What a run counted and how long its flows took; thread-safe. */
public final class Tally {
    public final LongAdder flowsCompleted = new LongAdder();
    public final LongAdder flowsFailed = new LongAdder();
    public final LongAdder codeReplaysDetected = new LongAdder();
    public final LongAdder refreshReplaysDetected = new LongAdder();
    public final LongAdder jtiReplaysBlocked = new LongAdder();
    public final LongAdder parReplaysBlocked = new LongAdder();
    public final LongAdder interactionConflicts = new LongAdder();
    public final LongAdder tokensRevokedOnReplay = new LongAdder();
    public final LongAdder refreshRotations = new LongAdder();
    public final LongAdder storeCalls = new LongAdder();

    private final long[] latencies;
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Throwable firstFailure;

    Tally(int flows) {
        this.latencies = new long[flows];
    }

    void latency(long nanos) {
        int i = next.getAndIncrement();
        if (i < latencies.length) {
            latencies[i] = nanos;
        }
    }

    void failed(Throwable t) {
        flowsFailed.increment();
        if (firstFailure == null) {
            firstFailure = t;
        }
    }

    public Throwable firstFailure() {
        return firstFailure;
    }

    /** The q-quantile of flow latency in milliseconds (0 < q <= 1). */
    public double latencyMillis(double q) {
        int n = Math.min(next.get(), latencies.length);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, idx))] / 1e6;
    }
}
