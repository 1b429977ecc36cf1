package org.oidcstore.bench;

/**
 * Entry point of one case, run in a JVM of its own by {@code bench/run.sh}:
 * {@code java -cp "bench/target/oidc-store-bench.jar:bench/target/lib/*" org.oidcstore.bench.Main <case>}.
 * Each case writes {@code <bench.out>/<case>.md} (its tables) and {@code <case>.summary} (its
 * headline ratios). Any failure exits non-zero.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Main redis-hot-path|routing|durable-flow|durable-flow-pg|mariadb-prepare-ab|footprint-memory|footprint-redis|gc-sweep|codec-redis|galera-flow|device-poll|sas-flow");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        try {
            switch (args[0]) {
                case RedisHotPath.CASE -> RedisHotPath.run();
                case RoutingOverhead.CASE -> RoutingOverhead.run();
                case DurableFlow.CASE -> DurableFlow.run();
                case DurableFlow.CASE_PG -> DurableFlow.runPostgres();
                case PrepareAb.CASE -> PrepareAb.run();
                case MemoryFootprint.CASE -> MemoryFootprint.run();
                case RedisFootprint.CASE -> RedisFootprint.run();
                case GcSweep.CASE -> GcSweep.run();
                case RecordCodecCompare.CASE -> RecordCodecCompare.run();
                case GaleraFlow.CASE -> GaleraFlow.run();
                case DevicePoll.CASE -> DevicePoll.run();
                case SasFlow.CASE -> SasFlow.run();
                default -> {
                    System.err.println("unknown case " + args[0]);
                    System.exit(2);
                }
            }
        } catch (Throwable e) {
            System.err.println("[bench] case " + args[0] + " FAILED:");
            e.printStackTrace();
            System.exit(1);
        }
        Bench.log("case %s done in %.1f s", args[0], (System.nanoTime() - t0) / 1e9);
        System.exit(0);
    }
}
