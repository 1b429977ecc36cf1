package org.oidcstore.bench;

import io.smallrye.metrics.SharedMetricRegistries;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.SessionDurability;
import org.oidcstore.store.composite.internal.metrics.Business;
import org.oidcstore.store.composite.internal.metrics.CommitHook;
import org.oidcstore.store.composite.internal.metrics.MeteredStores;
import org.oidcstore.store.composite.internal.metrics.MetricTags;
import org.oidcstore.store.composite.internal.metrics.MetricsSupport;
import org.oidcstore.store.composite.internal.metrics.StoreMetrics;
import org.oidcstore.store.composite.internal.metrics.TimerSampling;
import org.oidcstore.store.memory.MemoryStores;

/**
 * The metered composite's own per-call code apart from the registry's (by hand, not in
 * {@code run.sh}): the interaction compare-and-swap of the memory tier directly, through the
 * metering proxy with meters that record nothing (lookup, reflective call, outcome, the sampling
 * draw and, one call in 32, two clock readings), and through the proxy with SmallRye Metrics meters,
 * every call timed and one in 32 (the default); batches interleaved in one JVM,
 * thread CPU ns and bytes per call. Add {@code -Dmp.metrics.distribution.percentiles=oidc_store_operation=}
 * to see the timer without quantiles.
 *
 * <pre>java -cp "bench/target/oidc-store-bench.jar:bench/target/lib/*" org.oidcstore.bench.MeteredProxyCost 60</pre>
 */
public final class MeteredProxyCost {
    private static final int PER_BATCH = 20_000;

    /** Meters that record nothing: what is left is the proxy's own work. */
    private static final StoreMetrics NO_OP = new StoreMetrics() {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public OperationMeters operation(MetricTags tags, String operation, SessionDurability posture) {
            return OperationMeters.NONE;
        }

        @Override
        public void purged(MetricTags tags, long count) {
        }

        @Override
        public void business(Business event, MetricTags tags) {
        }

        @Override
        public void erased(MetricTags tags, long count) {
        }

        @Override
        public void subjectErasure() {
        }

        @Override
        public void posture(MetricTags sessionTags, SessionDurability posture) {
        }
    };

    private final byte[][] states = {RedisHotPath.state('A'), RedisHotPath.state('B')};
    private final Interaction[] next;
    private int current;

    private MeteredProxyCost(Instant created, Instant expires) {
        next = new Interaction[] {new Interaction("ia-cost", states[0], created, expires),
            new Interaction("ia-cost", states[1], created, expires)};
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        OidcStore memory = MemoryStores.open();
        InteractionCompareAndSwap direct = memory.interactionCompareAndSwap().orElseThrow();
        MetricTags tags = new MetricTags("interactions", "volatile", "memory");
        MeteredStores noOpMeters = new MeteredStores(NO_OP, CommitHook.IMMEDIATE, SessionDurability.VOLATILE,
                TimerSampling.DEFAULT);
        MeteredStores exact = new MeteredStores(MetricsSupport.forRegistry(SharedMetricRegistries.getOrCreate(
                "proxy-cost-exact")), CommitHook.IMMEDIATE, SessionDurability.VOLATILE, TimerSampling.EVERY_CALL);
        MeteredStores sampled = new MeteredStores(MetricsSupport.forRegistry(SharedMetricRegistries.getOrCreate(
                "proxy-cost-sampled")), CommitHook.IMMEDIATE, SessionDurability.VOLATILE, TimerSampling.DEFAULT);
        InteractionCompareAndSwap noOp = (InteractionCompareAndSwap) noOpMeters.wrap(InteractionCompareAndSwap.class,
                StoreKind.INTERACTIONS, tags, direct);
        InteractionCompareAndSwap smallRye = (InteractionCompareAndSwap) exact.wrap(InteractionCompareAndSwap.class,
                StoreKind.INTERACTIONS, tags, direct);
        InteractionCompareAndSwap smallRyeSampled = (InteractionCompareAndSwap) sampled.wrap(
                InteractionCompareAndSwap.class, StoreKind.INTERACTIONS, tags, direct);
        Instant now = Instant.now();
        Instant far = now.plusSeconds(50L * 365 * 24 * 3600);
        MeteredProxyCost b = new MeteredProxyCost(now, far);
        memory.interactions().save(b.next[0]);
        InteractionCompareAndSwap[] contenders = {direct, noOp, smallRye, smallRyeSampled};
        String[] names = {"direct", "proxy, no-op meters", "SmallRye, every call timed", "SmallRye, 1 in 32 timed"};
        int k = contenders.length;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[][] cpu = new double[k][rounds];
        double[][] bytes = new double[k][rounds];
        for (int r = -40; r < rounds; r++) { // 40 rounds of warm-up (r < 0)
            for (int j = 0; j < k; j++) {
                int i = (Math.max(r, 0) + j) % k;
                long a0 = mx.getThreadAllocatedBytes(tid);
                long c0 = mx.getCurrentThreadCpuTime();
                switch (i) { // one loop per contender: each call site sees one receiver
                    case 0 -> b.direct(contenders[0]);
                    case 1 -> b.noOp(contenders[1]);
                    case 2 -> b.smallRye(contenders[2]);
                    default -> b.smallRyeSampled(contenders[3]);
                }
                long c1 = mx.getCurrentThreadCpuTime();
                long a1 = mx.getThreadAllocatedBytes(tid);
                if (r >= 0) {
                    cpu[i][r] = (c1 - c0) / (double) PER_BATCH;
                    bytes[i][r] = (a1 - a0) / (double) PER_BATCH;
                }
            }
        }
        for (int i = 0; i < k; i++) {
            System.out.printf("%-28s cpu ns %s  B/call %s%n", names[i], CompositeAb.s(cpu[i]), CompositeAb.s(bytes[i]));
        }
        for (int i = 1; i < k; i++) {
            double[] d = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                d[r] = cpu[i][r] - cpu[0][r];
            }
            System.out.printf("%-28s - direct, per round: cpu ns %s%n", names[i], CompositeAb.s(d));
        }
    }

    private void direct(InteractionCompareAndSwap cas) {
        for (int i = 0; i < PER_BATCH; i++) {
            int n = 1 - current;
            cas.compareAndSwap(states[current], next[n]);
            current = n;
        }
    }

    private void noOp(InteractionCompareAndSwap cas) {
        for (int i = 0; i < PER_BATCH; i++) {
            int n = 1 - current;
            cas.compareAndSwap(states[current], next[n]);
            current = n;
        }
    }

    private void smallRyeSampled(InteractionCompareAndSwap cas) {
        for (int i = 0; i < PER_BATCH; i++) {
            int n = 1 - current;
            cas.compareAndSwap(states[current], next[n]);
            current = n;
        }
    }

    private void smallRye(InteractionCompareAndSwap cas) {
        for (int i = 0; i < PER_BATCH; i++) {
            int n = 1 - current;
            cas.compareAndSwap(states[current], next[n]);
            current = n;
        }
    }
}
