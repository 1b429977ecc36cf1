package org.oidcstore.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStores;
import redis.clients.jedis.RedisClient;

/**
 * Case 4b: Redis memory per JWT-ID marker ({@code INFO memory} {@code used_memory} delta) at 1 M
 * markers written through our store, on a throwaway redis-server started here on a free
 * 127.0.0.1 port (so the shared test servers are not polluted) and stopped at the end.
 */
final class RedisFootprint {
    static final String CASE = "footprint-redis";
    private static final String PASSWORD = "bench-footprint";

    private RedisFootprint() {
    }

    static void run() throws Exception {
        Summary.reset(CASE);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("oidc-bench-redis");
        Process server = new ProcessBuilder(Bench.REDIS_SERVER, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--requirepass", PASSWORD, "--maxmemory-policy", "noeviction",
                "--dir", dir.toString(), "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString())
                .redirectErrorStream(true).redirectOutput(new File(dir.resolve("stdout.log").toString())).start();
        try {
            measure(port);
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            deleteTree(dir);
        }
    }

    private static void measure(int port) throws InterruptedException {
        RedisClient admin = RedisTools.plainAdmin(port, PASSWORD);
        for (int i = 0; ; i++) {
            try {
                admin.ping();
                break;
            } catch (RuntimeException e) {
                if (i > 100) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        String version = admin.info("server").lines().filter(l -> l.startsWith("redis_version:")).findFirst()
                .orElse("?");
        int n = (int) Bench.size(1_000_000, 20_000);
        int rounds = Bench.rounds(2, 1);
        List<Double> perMarker = new ArrayList<>();
        RedisSettings settings = RedisSettings.builder().standalone(URI.create("redis://127.0.0.1:" + port))
                .password(PASSWORD).devModeAllowPlaintext(true).poolSize(Bench.POOL).build();
        try (RedisStore store = RedisStores.open(settings)) {
            ConsumedJwtIdStore jti = store.consumedJwtIds();
            for (int r = 0; r < rounds; r++) {
                admin.flushAll();
                Instant exp = Instant.now().plusSeconds(3600);
                // open every pooled connection first: client buffers are not marker memory
                int round = r;
                Load.count(Bench.POOL, Bench.POOL * 4L, 0, c -> jti.mark("warm-" + round + "-" + c.seq, exp));
                admin.flushAll();
                long before = usedMemory(admin);
                Load.count(Bench.POOL, n, 0, c -> jti.mark("dpop:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs:"
                        + round + "-" + c.seq, exp));
                long after = usedMemory(admin);
                long keys = admin.dbSize();
                if (keys != n) {
                    throw new IllegalStateException("expected " + n + " markers, found " + keys + " keys");
                }
                perMarker.add((after - before) / (double) n);
                Bench.log("redis: %d markers use %.1f MiB (%.1f B/marker)", n, (after - before) / 1048576.0,
                        (after - before) / (double) n);
            }
        } finally {
            admin.close();
        }
        Stats s = Stats.of(perMarker);
        Md md = new Md();
        md.h(2, "4b. Redis memory per JWT-ID marker");
        md.p(Md.f("%,d markers written by our store (16 threads) to a throwaway redis-server (%s, 127.0.0.1, no"
                + " persistence) started for this case; `INFO memory` `used_memory` after minus before, %d round(s)"
                + " (FLUSHALL between). A marker is one string key `oidc:jti:<43-char digest>` holding the"
                + " expiry (16 digits) with a TTL.", n, version, rounds));
        md.table("markers", "used_memory per marker", "for all markers").row(Md.f("%,d", n),
                s.medianWithSpread("%.0f B"), Md.f("%.0f MiB", s.median() * n / 1048576)).end();
        md.write(Bench.OUT.resolve(CASE + ".md"));
        Summary.row(CASE, Md.f("4 · Redis: used_memory per JWT-ID marker at %,d markers", n), "(measured)",
                s.medianWithSpread("%.0f B"), "–");
    }

    private static long usedMemory(RedisClient admin) {
        return admin.info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).trim())).findFirst().orElseThrow();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
