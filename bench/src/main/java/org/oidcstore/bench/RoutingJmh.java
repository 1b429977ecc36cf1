package org.oidcstore.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.spi.SecretDigest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Case 2 on the in-memory tier, where nothing hides the composite's cost: the same calls directly
 * on the memory store, through a routing-only composite, and through a routing + metrics composite
 * (MicroProfile Metrics on SmallRye, as a CDI deployment runs it).
 *
 * <p>The store's clock advances one second per reading, so markers and requests expire within a
 * few calls and the store's amortised sweep keeps it small: every path does the same steady-state
 * work, and capacity never runs out however long JMH runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingJmh {

    @Param({"direct", "routing", "routing+metrics"})
    public String path;

    private static final java.util.function.Supplier<Object> NO_WORK = () -> Boolean.TRUE;
    private OidcStore store;
    private AdvancingClock clock;
    private ConsumedJwtIdStore jti;
    private InteractionCompareAndSwap cas;
    private PushedAuthorizationRequestStore par;
    private long seq;
    private Interaction[] next;
    private byte[][] states;
    private int current;

    @Setup
    public void setup() {
        clock = new AdvancingClock();
        OidcStore memory = MemoryStores.open(new MemorySettings(1_000_000, MemorySettings.DEFAULT_MAX_VALUE_BYTES,
                MemorySettings.DEFAULT_SWEEP_BATCH), clock, SecretDigest.unpeppered());
        OidcStore s = switch (path) {
            case "direct" -> memory;
            case "routing" -> Composites.routingOnly(new StandInDurableStore(), memory);
            case "routing+metrics" -> Composites.withMetrics(new StandInDurableStore(), memory);
            default -> throw new IllegalArgumentException(path);
        };
        store = path.equals("direct") ? new StandInDurableStore() : s; // direct: the anchor itself
        jti = s.consumedJwtIds();
        cas = s.interactionCompareAndSwap().orElseThrow();
        par = s.pushedAuthorizationRequests();
        states = new byte[][] {RedisHotPath.state('A'), RedisHotPath.state('B')};
        Instant created = clock.peek();
        Instant far = created.plusSeconds(100L * 365 * 24 * 3600);
        next = new Interaction[] {new Interaction("ia-bench", states[0], created, far),
            new Interaction("ia-bench", states[1], created, far)};
        memory.interactions().save(next[0]);
        current = 0;
    }

    /**
     * The composite's own part of a transaction: {@code inTransaction} with no work, on the
     * stand-in transactional anchor (which runs the work as it is), i.e. the routing to the anchor.
     * Not a JMH benchmark (case 2's table is the substores'): {@code CompositeAb} and
     * {@code RoutingCpu} call it by name, {@code inTransaction}.
     */
    public Object inTransaction() {
        return store.inTransaction(NO_WORK);
    }

    @Benchmark
    public void jtiMark() {
        jti.mark("jti-" + (seq++), clock.peek().plusSeconds(3));
    }

    @Benchmark
    public void interactionCompareAndSwap() {
        int n = 1 - current;
        cas.compareAndSwap(states[current], next[n]);
        current = n;
    }

    @Benchmark
    public Object parSaveAndConsume() {
        String uri = "urn:ietf:params:oauth:request_uri:" + (seq++);
        Instant now = clock.peek();
        par.save(RedisHotPath.par(uri, now, now.plusSeconds(100)));
        return par.consume(uri).orElseThrow();
    }

    /** A clock that moves one second forward at every reading (single-threaded state). */
    static final class AdvancingClock extends Clock {
        private long seconds = 1_700_000_000L;

        Instant peek() {
            return Instant.ofEpochSecond(seconds);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(++seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
