package org.oidcstore.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Case 2's calls ({@link RoutingJmh}) timed in <b>thread CPU time</b> and <b>allocated bytes</b>
 * per call, for a machine too loaded for JMH's wall-clock average: a thread that gets a ninth of a
 * core takes nine times as long per call in wall time, but not in CPU time. By hand, one JVM per
 * path and operation (as JMH forks), in rounds that alternate the contenders:
 *
 * <pre>java -cp "bench/target/oidc-store-bench.jar:bench/target/lib/*" org.oidcstore.bench.RoutingCpu routing+metrics jtiMark</pre>
 *
 * <p>Prints one line: path, operation, then the median and range over 10 batches of thread CPU ns
 * per call, wall ns per call, and bytes allocated per call (HotSpot's per-thread counter).
 */
public final class RoutingCpu {
    private static final int BATCHES = 10;

    private RoutingCpu() {
    }

    public static void main(String[] args) {
        String path = args[0];
        String op = args[1];
        int perBatch = args.length > 2 ? Integer.parseInt(args[2]) : op.equals("parSaveAndConsume") ? 20_000 : 100_000;
        RoutingJmh b = new RoutingJmh();
        b.path = path;
        b.setup();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long warmUntil = System.nanoTime() + 4_000_000_000L;
        int warmed = 0;
        while (System.nanoTime() < warmUntil || warmed < 5) { // at least 5 batches, at least 4 s
            run(b, op, perBatch);
            warmed++;
        }
        double[] cpu = new double[BATCHES];
        double[] wall = new double[BATCHES];
        double[] bytes = new double[BATCHES];
        for (int i = 0; i < BATCHES; i++) {
            long a0 = mx.getThreadAllocatedBytes(tid);
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            run(b, op, perBatch);
            long w1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            long a1 = mx.getThreadAllocatedBytes(tid);
            cpu[i] = (c1 - c0) / (double) perBatch;
            wall[i] = (w1 - w0) / (double) perBatch;
            bytes[i] = (a1 - a0) / (double) perBatch;
        }
        System.out.printf("%s %s cpu %s wall %s bytes %s%n", path, op, stats(cpu), stats(wall), stats(bytes));
    }

    /** One loop per operation, so that each call site sees one receiver, as in a JMH fork. */
    private static void run(RoutingJmh b, String op, int n) {
        switch (op) {
            case "jtiMark" -> {
                for (int i = 0; i < n; i++) {
                    b.jtiMark();
                }
            }
            case "interactionCompareAndSwap" -> {
                for (int i = 0; i < n; i++) {
                    b.interactionCompareAndSwap();
                }
            }
            case "parSaveAndConsume" -> {
                for (int i = 0; i < n; i++) {
                    sink ^= b.parSaveAndConsume().hashCode();
                }
            }
            case "inTransaction" -> {
                for (int i = 0; i < n; i++) {
                    sink ^= System.identityHashCode(b.inTransaction());
                }
            }
            default -> throw new IllegalArgumentException(op);
        }
    }

    /** Keeps results alive (the consumed request). */
    static volatile int sink;

    private static String stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double median = (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format("%.1f [%.1f-%.1f]", median, s[0], s[s.length - 1]);
    }
}
