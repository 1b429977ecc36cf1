package org.oidcstore.store.redis.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} this test starts and stops itself, on a free loopback port,
 * nothing on disk but its log, with a password unless started {@link #startWithoutPassword}. Used
 * where a test needs a server it may break (outage, eviction policy, disabled commands).
 */
public final class RedisServerProcess implements AutoCloseable {
    public static final String PASSWORD = "throwaway-secret";

    private final int port;
    private final boolean tls;
    private final List<String> extraArgs;
    private final boolean password;
    private final Path log;
    /** A sentinel's configuration file (it rewrites it), or {@code null} for a data node. */
    private Path sentinelConfig;
    private int busPort;
    private Process process;

    private RedisServerProcess(int port, boolean tls, List<String> extraArgs) {
        this(port, tls, extraArgs, true);
    }

    private RedisServerProcess(int port, boolean tls, List<String> extraArgs, boolean password) {
        this.port = port;
        this.tls = tls;
        this.password = password;
        this.extraArgs = List.copyOf(extraArgs);
        this.log = Path.of("target", "redis-" + port + ".log");
        try {
            // a replica writes the RDB it receives into --dir; a later server on the same port (or,
            // with the default dbfilename, any later server) would load it at start: a cluster node
            // then owned the slot of a stranger's key ("ERR Slot 6196 is already busy")
            Files.deleteIfExists(Path.of("target", dbFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String dbFile() {
        return "dump-" + port + ".rdb";
    }

    /** Starts {@code redis-server} with {@code extraArgs} (e.g. {@code --maxmemory-policy allkeys-lru}). */
    public static RedisServerProcess start(String... extraArgs) {
        RedisServerProcess p = new RedisServerProcess(freePort(), false, List.of(extraArgs));
        p.startProcess();
        return p;
    }

    /**
     * Starts a replica of {@code master} (it authenticates with {@link #PASSWORD}), with
     * {@code extraArgs} of its own (e.g. another {@code maxmemory-policy}: it is not replicated).
     */
    public static RedisServerProcess startReplicaOf(RedisServerProcess master, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port),
                "--masterauth", PASSWORD));
        args.addAll(List.of(extraArgs));
        RedisServerProcess p = new RedisServerProcess(freePort(), false, args);
        p.startProcess();
        return p;
    }

    /**
     * Starts a Sentinel (quorum 1, AUTH {@link #PASSWORD} on itself and towards the data nodes)
     * monitoring {@code master} under {@code name}.
     */
    public static RedisServerProcess startSentinel(String name, RedisServerProcess master) {
        int port = freePort();
        Path config = Path.of("target", "sentinel-" + port + ".conf").toAbsolutePath();
        try {
            Files.createDirectories(config.getParent());
            Files.writeString(config, "sentinel monitor " + name + " 127.0.0.1 " + master.port + " 1\n"
                    + "sentinel auth-pass " + name + " " + PASSWORD + "\n"
                    + "sentinel down-after-milliseconds " + name + " 5000\n"
                    + "sentinel failover-timeout " + name + " 10000\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisServerProcess p = new RedisServerProcess(port, false, List.of("--sentinel"));
        p.sentinelConfig = config;
        p.startProcess();
        return p;
    }

    /**
     * Starts a Redis Cluster node (no slots yet, cluster bus on a free port of its own) with
     * {@code extraArgs}; {@link #PASSWORD} also authenticates it to the master it may replicate.
     */
    public static RedisServerProcess startClusterNode(String... extraArgs) {
        int port = freePort();
        int bus = freePort();
        try {
            // a node of an earlier run on the same port left its cluster state (slots, peers) there
            Files.deleteIfExists(Path.of("target", "nodes-" + port + ".conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                "nodes-" + port + ".conf", "--cluster-port", Integer.toString(bus),
                "--cluster-node-timeout", "5000", "--masterauth", PASSWORD, "--repl-diskless-sync-delay", "0"));
        args.addAll(List.of(extraArgs));
        RedisServerProcess p = new RedisServerProcess(port, false, args);
        p.busPort = bus;
        p.startProcess();
        return p;
    }

    /** Starts {@code redis-server} without {@code requirepass}: the only case where a client may skip AUTH. */
    public static RedisServerProcess startWithoutPassword(String... extraArgs) {
        RedisServerProcess p = new RedisServerProcess(freePort(), false, List.of(extraArgs), false);
        p.startProcess();
        return p;
    }

    /**
     * Starts {@code redis-server} listening on TLS only, with the test CA's server certificate of
     * {@code .ci/services.sh} (client certificates optional); connect with {@link #uri()} and
     * {@link TestServers#truststore()}.
     */
    public static RedisServerProcess startTls(String... extraArgs) {
        Path dir = TestServers.servicesDir().resolve("redis/tls");
        if (!Files.isReadable(dir.resolve("server.crt"))) {
            throw new AssertionError("no test certificates under " + dir + "; " + TestServers.START_HINT);
        }
        List<String> args = new ArrayList<>(List.of("--tls-cert-file", dir.resolve("server.crt").toString(),
                "--tls-key-file", dir.resolve("server.key").toString(), "--tls-ca-cert-file",
                dir.resolve("ca.crt").toString(), "--tls-auth-clients", "optional"));
        args.addAll(List.of(extraArgs));
        RedisServerProcess p = new RedisServerProcess(freePort(), true, args);
        p.startProcess();
        return p;
    }

    public int port() {
        return port;
    }

    /** The cluster bus port of a {@link #startClusterNode} node. */
    public int busPort() {
        return busPort;
    }

    /** An admin connection (password {@link #PASSWORD}) to this plaintext server. */
    public redis.clients.jedis.Jedis admin() {
        return new redis.clients.jedis.Jedis(new redis.clients.jedis.HostAndPort("127.0.0.1", port),
                redis.clients.jedis.DefaultJedisClientConfig.builder().password(password ? PASSWORD : null)
                        .socketTimeoutMillis(5000).build());
    }

    public URI uri() {
        return URI.create((tls ? "rediss" : "redis") + "://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the server outright (SIGKILL, a crash): no goodbye on any connection. */
    public void kill() {
        signal("KILL");
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server (SIGTERM, as an operator or a crash-restarting supervisor would). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts it again on the same port. */
    public void restart() {
        stop();
        startProcess();
    }

    /** Freezes (SIGSTOP) or thaws (SIGCONT) the server: a hung server keeps its sockets open. */
    public void signal(String name) {
        try {
            int rc = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void startProcess() {
        List<String> cmd = new ArrayList<>(List.of("redis-server"));
        if (sentinelConfig != null) {
            cmd.add(sentinelConfig.toString()); // must come first
        }
        cmd.addAll(List.of("--port", tls ? "0" : Integer.toString(port),
                "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir",
                Path.of("target").toAbsolutePath().toString(), "--dbfilename", dbFile()));
        if (password) {
            cmd.addAll(List.of("--requirepass", PASSWORD));
        }
        if (tls) {
            cmd.addAll(List.of("--tls-port", Integer.toString(port)));
        }
        cmd.addAll(extraArgs);
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run redis-server (" + e.getMessage() + "); install it with "
                    + "`bash .ci/services.sh start`", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("redis-server exited at start; see " + log.toAbsolutePath());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new AssertionError("redis-server did not listen on " + port + " within 10 s; see " + log.toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
