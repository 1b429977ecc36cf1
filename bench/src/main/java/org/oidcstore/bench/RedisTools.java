package org.oidcstore.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.oidcstore.store.redis.RedisSettings;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The Redis servers of the run, an admin client for set-up and clean-up, the store's scripts, redis-benchmark. */
final class RedisTools {
    private RedisTools() {
    }

    /**
     * The store's timeout in the bench: longer than the default, so that a stall of the shared,
     * loaded machine (a TLS read waits at most 22.5 % of it) fails no run; it costs the hot path nothing.
     */
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(20);

    /** The plaintext + AUTH server (6380), which redis-benchmark reaches exactly as our store does. */
    static RedisSettings plainSettings(String keyPrefix) {
        return RedisSettings.builder().standalone(URI.create("redis://" + Bench.REDIS_HOST + ":" + Bench.REDIS_PLAIN_PORT))
                .password(Bench.REDIS_PLAIN_PASSWORD).devModeAllowPlaintext(true).keyPrefix(keyPrefix)
                .poolSize(Bench.POOL).timeout(TIMEOUT).build();
    }

    /** The TLS + ACL server (6390), as the application user of the test services. */
    static RedisSettings tlsSettings(String keyPrefix) {
        return RedisSettings.builder().standalone(URI.create("rediss://" + Bench.REDIS_HOST + ":" + Bench.REDIS_TLS_PORT))
                .user(Bench.REDIS_TLS_USER).password(Bench.REDIS_TLS_PASSWORD)
                .truststore(Bench.REDIS_TLS_DIR.resolve("truststore.p12")).truststorePassword("changeit")
                .keyPrefix(keyPrefix).poolSize(Bench.POOL).timeout(TIMEOUT).build();
    }

    static RedisClient plainAdmin(int port, String password) {
        return RedisClient.builder().hostAndPort(new HostAndPort(Bench.REDIS_HOST, port))
                .clientConfig(DefaultJedisClientConfig.builder().password(password).protocol(RedisProtocol.RESP2)
                        .timeoutMillis(30_000).build()).build();
    }

    /** Admin login of the TLS server (key housekeeping needs SCAN/UNLINK, which the app user lacks). */
    static RedisClient tlsAdmin() {
        return RedisClient.builder().hostAndPort(new HostAndPort(Bench.REDIS_HOST, Bench.REDIS_TLS_PORT))
                .clientConfig(DefaultJedisClientConfig.builder().user("oidc-admin").password("admin-secret")
                        .protocol(RedisProtocol.RESP2).timeoutMillis(30_000)
                        .sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL)
                                .truststore(Bench.REDIS_TLS_DIR.resolve("truststore.p12").toFile(),
                                        "changeit".toCharArray()).trustStoreType("PKCS12").build())
                        .build()).build();
    }

    /** Deletes every key under {@code prefix}; returns how many. */
    static long deleteAll(RedisClient admin, String prefix) {
        long n = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams p = new ScanParams().match(prefix + "*").count(2000);
        do {
            ScanResult<String> r = admin.scan(cursor, p);
            if (!r.getResult().isEmpty()) {
                n += admin.unlink(r.getResult().toArray(String[]::new));
            }
            cursor = r.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return n;
    }

    /**
     * A script of the Redis tier, read at run time from the store class of its kind (not a copy):
     * its source and the SHA-1 the store runs it by.
     */
    record Script(String name, String source, String sha1) {
    }

    static Script script(String owner, String field) {
        try {
            Class<?> scripts = Class.forName("org.oidcstore.store.redis.internal." + owner);
            Field f = scripts.getDeclaredField(field);
            f.setAccessible(true);
            Object s = f.get(null);
            Method name = s.getClass().getDeclaredMethod("name");
            Method source = s.getClass().getDeclaredMethod("source");
            Method sha1 = s.getClass().getDeclaredMethod("sha1");
            name.setAccessible(true);
            source.setAccessible(true);
            sha1.setAccessible(true);
            return new Script((String) name.invoke(s), new String((byte[]) source.invoke(s), StandardCharsets.UTF_8),
                    new String((byte[]) sha1.invoke(s), StandardCharsets.US_ASCII));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the Redis tier's script " + field, e);
        }
    }

    /** One redis-benchmark run: throughput and latency quantiles as it reports them. */
    /** Throughput and latency as redis-benchmark reports them; its own and the server's CPU time for the run. */
    record BenchmarkResult(double rps, double p50Ms, double p99Ms, double cpuSeconds, double serverCpuSeconds) {
    }

    private static final boolean GNU_TIME = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/time"));

    private static final Pattern NUM = Pattern.compile("\"([0-9.]+)\"");

    /**
     * {@code redis-benchmark -c clients -n requests -P 1 -r keyspace --csv <command>}: no pipelining,
     * one connection per client, all of them on one event-loop thread, or with
     * {@code threadPerClient} one thread per connection ({@code --threads clients}); {@code __rand_int__} in the command is replaced by a random key
     * number below {@code keyspace}. Fails on any error line.
     */
    static BenchmarkResult redisBenchmark(RedisClient admin, boolean tls, int clients, long requests, long keyspace,
            List<String> command) {
        return redisBenchmark(admin, tls, clients, false, requests, keyspace, command);
    }

    /** {@link #redisBenchmark(RedisClient, boolean, int, long, long, List)}, optionally a thread per connection. */
    static BenchmarkResult redisBenchmark(RedisClient admin, boolean tls, int clients, boolean threadPerClient,
            long requests, long keyspace, List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (GNU_TIME) {
            // its CPU time (user + system), to compare the client cost per request with ours
            cmd.addAll(List.of("/usr/bin/time", "-f", "bench-cpu %U %S"));
        }
        cmd.addAll(List.of(Bench.REDIS_BENCHMARK, "-h", Bench.REDIS_HOST));
        if (tls) {
            cmd.addAll(List.of("-p", String.valueOf(Bench.REDIS_TLS_PORT), "--tls", "--cacert",
                    Bench.REDIS_TLS_DIR.resolve("ca.crt").toString(), "--user", Bench.REDIS_TLS_USER, "-a",
                    Bench.REDIS_TLS_PASSWORD));
        } else {
            cmd.addAll(List.of("-p", String.valueOf(Bench.REDIS_PLAIN_PORT), "-a", Bench.REDIS_PLAIN_PASSWORD));
        }
        if (threadPerClient && clients > 1) {
            // one thread per connection, blocking on its reply as each of our caller threads does
            cmd.addAll(List.of("--threads", String.valueOf(clients)));
        }
        cmd.addAll(List.of("-c", String.valueOf(clients), "-n", String.valueOf(requests), "-P", "1", "-r",
                String.valueOf(keyspace), "--csv"));
        cmd.addAll(command);
        double server0 = serverCpuSeconds(admin);
        String out = exec(cmd);
        double server = serverCpuSeconds(admin) - server0;
        for (String line : out.split("\n")) {
            String l = line.toLowerCase(java.util.Locale.ROOT);
            if ((l.contains("error") || l.contains("noscript") || l.contains("noperm")) && !l.contains("warning")) {
                throw new IllegalStateException("redis-benchmark reported an error: " + line);
            }
        }
        double cpu = Double.NaN;
        String last = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("bench-cpu ")) {
                String[] f = line.split(" ");
                cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
            }
            if (line.startsWith("\"") && !line.startsWith("\"test\"")) {
                last = line;
            }
        }
        if (last == null) {
            throw new IllegalStateException("redis-benchmark printed no result:\n" + out);
        }
        List<Double> nums = new ArrayList<>();
        Matcher m = NUM.matcher(last);
        while (m.find()) {
            nums.add(Double.parseDouble(m.group(1)));
        }
        // the last seven: rps, avg, min, p50, p95, p99, max
        int k = nums.size() - 7;
        if (k < 0) {
            throw new IllegalStateException("unexpected redis-benchmark output: " + last);
        }
        return new BenchmarkResult(nums.get(k), nums.get(k + 3), nums.get(k + 5), cpu, server);
    }

    /** The server's CPU time so far ({@code INFO cpu}: used_cpu_user + used_cpu_sys), seconds. */
    static double serverCpuSeconds(RedisClient admin) {
        double t = 0;
        for (String l : admin.info("cpu").split("\r?\n")) {
            if (l.startsWith("used_cpu_user:") || l.startsWith("used_cpu_sys:")) {
                t += Double.parseDouble(l.substring(l.indexOf(':') + 1).trim());
            }
        }
        return t;
    }

    static String exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(binarySafe(cmd)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = read(p.getInputStream());
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException(cmd.get(0) + " exited " + rc + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The command as is when every argument is printable ASCII; else run through bash, each
     * argument rebuilt byte for byte from hex by {@code printf} (arguments here are ISO-8859-1
     * strings, one char per byte: the stored shape of our records travels as it is, which Java's
     * own argument encoding would change). A NUL byte cannot travel in an argument at all.
     */
    private static List<String> binarySafe(List<String> cmd) {
        if (cmd.stream().allMatch(a -> a.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            return cmd;
        }
        StringBuilder script = new StringBuilder("args=()\n");
        for (String a : cmd) {
            StringBuilder hex = new StringBuilder();
            for (char c : a.toCharArray()) {
                if (c == 0 || c > 0xff) {
                    throw new IllegalArgumentException("an argument holds a byte a command line cannot carry");
                }
                hex.append(String.format("\\x%02x", (int) c));
            }
            // the trailing x keeps a final newline that command substitution would strip
            script.append("a=$(printf '%bx' '").append(hex).append("'); args+=(\"${a%x}\")\n");
        }
        script.append("exec \"${args[@]}\"\n");
        return List.of("bash", "-c", script.toString());
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
