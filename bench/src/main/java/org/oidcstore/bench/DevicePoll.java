package org.oidcstore.bench;

import io.agroal.api.AgroalDataSource;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisStores;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;

/**
 * The device-grant poll (RFC 8628 §3.5), the call a token endpoint makes every few seconds per
 * device: on Redis, through the composite and directly, against redis-benchmark running the very
 * script the store runs ({@code EVALSHA approval-poll}) on records of the same shape; on MariaDB,
 * the statements one poll sends. Every thread polls its own device code back to back, so after the
 * first poll each one comes early and takes the {@code slow_down} path (the record is written
 * every time, as in production where a poll always records {@code lastPolledAt}).
 */
final class DevicePoll {
    static final String CASE = "device-poll";
    private static final List<String> COUNTERS = List.of("Questions", "Com_select", "Com_update", "Com_insert",
            "Com_xa_start", "Com_xa_end", "Com_xa_commit", "Com_commit", "Com_rollback");

    private final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    private final String prefix = "oidcbench:" + runId + ":";

    private DevicePoll() {
    }

    static void run() throws SQLException {
        Summary.reset(CASE);
        Md md = new Md();
        md.h(2, "Device poll (RFC 8628): one round trip, one statement");
        new DevicePoll().redis(md);
        mariadb(md);
        md.write(Bench.OUT.resolve(CASE + ".md"));
    }

    private void redis(Md md) {
        RedisStore redis = RedisStores.open(RedisTools.plainSettings(prefix));
        OidcStore composite = Composites.withMetrics(new StandInDurableStore(), redis);
        RedisClient admin = RedisTools.plainAdmin(Bench.REDIS_PLAIN_PORT, Bench.REDIS_PLAIN_PASSWORD);
        try {
            RedisTools.Script poll = RedisTools.script("ApprovalScripts", "POLL");
            if (!admin.scriptLoad(poll.source()).equals(poll.sha1())) {
                throw new IllegalStateException("the server's SHA of approval-poll differs from the store's");
            }
            md.h(3, "Redis, plaintext + AUTH, 127.0.0.1:" + Bench.REDIS_PLAIN_PORT);
            md.p("Closed-loop threads without pipelining; *ours* = `poll` through the composite (routing +"
                    + " MicroProfile Metrics), *direct* = `poll` on the Redis store, *redis-benchmark* = `EVALSHA"
                    + " approval-poll 1 <key> <now> device Slmi 5 86400` (the arguments the store passes) on as many records of the same shape as"
                    + " threads. Median of the rounds (± half the range); ratio of medians [lowest–highest"
                    + " ratio of rounds run back to back].");
            Md.Table t = md.table("threads", "ours polls/s", "direct polls/s", "redis-benchmark polls/s",
                    "ours / redis-benchmark", "direct / redis-benchmark", "p50 / p99 µs ours");
            int rounds = Bench.rounds(5, 1);
            for (int threads : Bench.CONCURRENCY) {
                long n = threads == 1 ? Bench.size(20_000, 500) : Bench.size(80_000, 2_000);
                String[] codes = devices(redis, threads);
                String[] keys = benchmarkRecords(admin, threads);
                List<Double> ours = new ArrayList<>();
                List<Double> direct = new ArrayList<>();
                List<Double> rb = new ArrayList<>();
                List<Double> p50 = new ArrayList<>();
                List<Double> p99 = new ArrayList<>();
                polls(composite.deviceAuthorizations(), codes, threads, Math.max(200, n / 4)); // warm-up
                polls(redis.deviceAuthorizations(), codes, threads, Math.max(200, n / 4));
                for (int r = 0; r < rounds; r++) {
                    Load.Result o = polls(composite.deviceAuthorizations(), codes, threads, n);
                    ours.add(o.opsPerSecond());
                    p50.add(o.us(50));
                    p99.add(o.us(99));
                    direct.add(polls(redis.deviceAuthorizations(), codes, threads, n).opsPerSecond());
                    String now = Long.toString(micros(Instant.now()));
                    rb.add(RedisTools.redisBenchmark(admin, false, threads, n, threads, List.of("EVALSHA", poll.sha1(),
                            "1", keys[0].substring(0, keys[0].length() - 12) + "__rand_int__", now, "device", "Slmi",
                            Long.toString(PollResult.SLOW_DOWN_STEP.toSeconds()),
                            Long.toString(PollResult.MAX_INTERVAL.toSeconds()))).rps());
                    // the script took the path ours takes: it recorded the poll and grew the interval
                    if (!now.equals(admin.hget(keys[0], "l")) || Long.parseLong(admin.hget(keys[0], "i")) <= 5) {
                        throw new IllegalStateException("redis-benchmark's polls did not record on " + keys[0]);
                    }
                }
                Stats o = Stats.of(ours);
                Stats d = Stats.of(direct);
                Stats b = Stats.of(rb);
                t.row(threads, o.medianWithSpread("%,.0f"), d.medianWithSpread("%,.0f"), b.medianWithSpread("%,.0f"),
                        Stats.ratio(o, b), Stats.ratio(d, b),
                        Md.f("%.0f / %.0f", Stats.of(p50).median(), Stats.of(p99).median()));
                Summary.row(CASE, "device poll on Redis, " + threads + " thread(s): ours (composite) / redis-benchmark",
                        "≥ 0.9x", Stats.ratio(o, b), Summary.atLeast(Stats.ratioValue(o, b), 0.9));
            }
            t.end();
        } finally {
            long n = RedisTools.deleteAll(admin, prefix);
            Bench.log("redis: deleted %d bench keys under %s", n, prefix);
            redis.close();
            admin.close();
        }
    }

    private static Load.Result polls(DeviceAuthorizationStore store, String[] codes, int threads, long n) {
        return Load.count(threads, n, 0, c -> {
            if (store.poll(codes[c.thread]).isEmpty()) {
                throw new IllegalStateException("a live device code was not found by poll");
            }
        });
    }

    /** One live device authorization per thread, saved through the store. */
    private String[] devices(OidcStore store, int threads) {
        String[] codes = new String[threads];
        Instant now = Instant.now();
        for (int i = 0; i < threads; i++) {
            codes[i] = "dc-" + runId + "-" + threads + "-" + i + "-" + "x".repeat(30);
            store.deviceAuthorizations().save(sample(codes[i], "BCDF" + threads + "G" + i, now));
        }
        return codes;
    }

    static DeviceAuthorization sample(String deviceCode, String userCode, Instant now) {
        return DeviceAuthorization.pending(deviceCode, userCode, "bench-client",
                Set.of("openid", "profile", "offline_access"), Map.of("resource", List.of("https://api.example.com")),
                now, now.plus(Duration.ofMinutes(30)), Duration.ofSeconds(5));
    }

    /**
     * Copies of one record the store wrote (same fields, same sizes) under keys redis-benchmark can
     * name ({@code __rand_int__} is twelve digits), as many as threads; returns their keys.
     */
    private String[] benchmarkRecords(RedisClient admin, int threads) {
        String model = null;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var r = admin.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
            for (String k : r.getResult()) {
                if (model == null && admin.type(k).equals("hash") && admin.hexists(k, "u")) {
                    model = k;
                }
            }
            cursor = r.getCursor();
        } while (model == null && !cursor.equals(ScanParams.SCAN_POINTER_START));
        if (model == null) {
            throw new IllegalStateException("no device authorization record found under " + prefix);
        }
        Map<String, String> fields = admin.hgetAll(model);
        fields.remove("l");
        long ttl = admin.pttl(model);
        String base = prefix + "rb" + threads + ":" + "x".repeat(Math.max(0, model.length() - prefix.length() - 16));
        String[] keys = new String[threads];
        for (int i = 0; i < threads; i++) {
            keys[i] = base + String.format("%012d", i);
            admin.del(keys[i]);
            admin.hset(keys[i], fields);
            admin.pexpire(keys[i], ttl);
        }
        return keys;
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    /** Statements one poll sends to MariaDB, on a one-connection pool (session counters before and after). */
    private static void mariadb(Md md) throws SQLException {
        Db.recreate();
        int n = (int) Bench.size(200, 20);
        Map<String, Double> perPoll = new LinkedHashMap<>();
        try (JpaStore main = JpaStores.open(Db.jpaSettings())) {
            TransactionManager tm = main.transactionManager();
            TransactionSynchronizationRegistry tsr = com.arjuna.ats.jta.common.jtaPropertyManager
                    .getJTAEnvironmentBean().getTransactionSynchronizationRegistry();
            try (AgroalDataSource one = Db.storePool(tm, tsr, 1);
                 JpaStore jpa = JpaStores.open(Db.jpaSettings().withMigrate(false), Clock.systemUTC(), one, tm, tsr)) {
                String code = "dc-mariadb-" + "x".repeat(40);
                jpa.deviceAuthorizations().save(sample(code, "MDBPOLL1", Instant.now()));
                PollResult first = jpa.deviceAuthorizations().poll(code).orElseThrow();
                Map<String, Long> overhead0 = snapshot(one);
                Map<String, Long> overhead1 = snapshot(one); // what reading the counters costs
                Map<String, Long> before = snapshot(one);
                for (int i = 0; i < n; i++) {
                    jpa.deviceAuthorizations().poll(code).orElseThrow();
                }
                Map<String, Long> after = snapshot(one);
                for (String c : COUNTERS) {
                    long cost = overhead1.get(c) - overhead0.get(c);
                    perPoll.put(c, (after.get(c) - before.get(c) - cost) / (double) n);
                }
                Bench.log("mariadb: first poll %s", first);
            }
        } finally {
            Db.drop();
        }
        md.h(3, "MariaDB: statements per poll");
        md.p(Md.f("Session counters of the store's one-connection pool over %d polls, per poll, outside any"
                + " caller transaction (the store runs each poll in a transaction of its own).", n));
        Md.Table t = md.table(COUNTERS.stream().map(c -> c.replace("Com_", "")).toArray(String[]::new));
        t.row(COUNTERS.stream().map(c -> Md.f("%.2f", perPoll.get(c))).toArray());
        t.end();
        double data = perPoll.get("Com_select") + perPoll.get("Com_update") + perPoll.get("Com_insert");
        Summary.row(CASE, "device poll on MariaDB: data statements (SELECT + UPDATE + INSERT) per poll", "1",
                Md.f("%.2f (%.2f round trips in all)", data, perPoll.get("Questions")), Summary.atMost(data, 1.0));
    }

    private static Map<String, Long> snapshot(AgroalDataSource ds) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SESSION STATUS")) {
            while (rs.next()) {
                if (COUNTERS.contains(rs.getString(1))) {
                    out.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                }
            }
        }
        return out;
    }
}
