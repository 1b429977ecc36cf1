package org.oidcstore.bench;

import java.nio.file.Path;

/**
 * Settings of a run, from system properties ({@code -Dbench.*}); the defaults are the local
 * services of {@code .ci/services.sh} (docs/backend-conventions.md). Everything is 127.0.0.1.
 */
final class Bench {
    static final boolean QUICK = Boolean.getBoolean("bench.quick");
    static final Path OUT = Path.of(System.getProperty("bench.out", "bench/target/bench-out"));

    static final String DB_URL = System.getProperty("bench.mariadb.url",
            "jdbc:mariadb://127.0.0.1:3306/oidcstore_bench");
    /** Where the bench database is created and dropped from (the service user may create oidcstore_*). */
    static final String DB_ADMIN_URL = System.getProperty("bench.mariadb.admin-url",
            "jdbc:mariadb://127.0.0.1:3306/oidcstore");
    static final String DB_NAME = System.getProperty("bench.mariadb.db", "oidcstore_bench");
    static final String DB_USER = System.getProperty("bench.mariadb.user", "oidcstore");
    static final String DB_PASSWORD = System.getProperty("bench.mariadb.password", "oidcstore");

    static final String REDIS_HOST = "127.0.0.1";
    static final int REDIS_PLAIN_PORT = Integer.getInteger("bench.redis.plain.port", 6380);
    static final String REDIS_PLAIN_PASSWORD = System.getProperty("bench.redis.plain.password", "dev-secret");
    static final int REDIS_TLS_PORT = Integer.getInteger("bench.redis.tls.port", 6390);
    static final String REDIS_TLS_USER = System.getProperty("bench.redis.tls.user", "oidc-app");
    static final String REDIS_TLS_PASSWORD = System.getProperty("bench.redis.tls.password", "app-secret");
    static final Path REDIS_TLS_DIR = Path.of(System.getProperty("bench.redis.tls.dir",
            System.getenv().getOrDefault("OIDC_SERVICES_DIR", "/tmp/oidc-store-services") + "/redis/tls"));
    static final String REDIS_BENCHMARK = System.getProperty("bench.redis-benchmark", "redis-benchmark");
    static final String REDIS_SERVER = System.getProperty("bench.redis-server", "redis-server");

    /** Pool size of every contender (our Redis and JPA pools, the raw JDBC and Spring pools). */
    static final int POOL = 16;
    /** Thread counts of the load cases; {@code -Dbench.concurrency=16} narrows a run (profiling). */
    static final int[] CONCURRENCY = java.util.Arrays.stream(System.getProperty("bench.concurrency", "1,16").split(","))
            .mapToInt(Integer::parseInt).toArray();
    /**
     * Only the contenders whose name contains this ({@code -Dbench.only=raw}; profiling); all by
     * default. {@code redis-hot-path} takes exact names, comma separated ({@code ours,direct}).
     */
    static final String ONLY = System.getProperty("bench.only", "");

    private Bench() {
    }

    /** {@code -Dbench.rounds=N} overrides every case's number of timed rounds (a shorter run on a busy machine). */
    static int rounds(int full, int quick) {
        return Integer.getInteger("bench.rounds", QUICK ? quick : full);
    }

    static long size(long full, long quick) {
        return QUICK ? quick : full;
    }

    static void log(String fmt, Object... args) {
        System.out.println("[bench] " + String.format(java.util.Locale.ROOT, fmt, args));
        System.out.flush();
    }
}
