package org.oidcstore.store.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A {@code redis-server} of the test's own on a free 127.0.0.1 port (never the shared services),
 * with a password, no persistence and {@code noeviction}, which the test may stop and start again
 * on the same port. Fails, never skips, when {@code redis-server} is not installed.
 */
public final class OwnRedisServer implements AutoCloseable {
    public static final String PASSWORD = "health-test-secret";

    private final int port;
    private final Path log;
    /** Where {@code SAVE} writes and a restart loads {@code dump.rdb}, or {@code null} (the working directory). */
    private final Path dataDir;
    private Process process;

    private OwnRedisServer(int port, Path dataDir) {
        this.port = port;
        this.log = Path.of("target", "health-redis-" + port + ".log");
        this.dataDir = dataDir;
    }

    public static OwnRedisServer start() throws Exception {
        return start(null);
    }

    /**
     * A server whose data survives a {@link #stop()} and {@link #startProcess()} when the test
     * saved it first ({@code admin().save()}): the dump goes to {@code dataDir} and is loaded from
     * there at the restart. Still no automatic saves.
     */
    public static OwnRedisServer start(Path dataDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        if (dataDir != null) {
            Files.createDirectories(dataDir);
        }
        OwnRedisServer r = new OwnRedisServer(port, dataDir == null ? null : dataDir.toAbsolutePath());
        r.startProcess();
        return r;
    }

    public int port() {
        return port;
    }

    /** A client of this server (the test's own, to change its settings). */
    public Jedis admin() {
        Jedis j = new Jedis("127.0.0.1", port);
        j.auth(PASSWORD);
        return j;
    }

    public void startProcess() throws Exception {
        Files.createDirectories(log.getParent());
        List<String> cmd = new java.util.ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--requirepass", PASSWORD, "--save", "", "--appendonly", "no",
                "--maxmemory-policy", "noeviction", "--logfile", log.toAbsolutePath().toString()));
        if (dataDir != null) {
            cmd.addAll(List.of("--dir", dataDir.toString()));
        }
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("redis-server is not installed (apt-get install redis-server); the test needs"
                    + " a server of its own", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Jedis j = admin()) {
                if ("PONG".equals(j.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("redis-server on port " + port + " did not start; see " + log, notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops the server (SIGTERM) and waits until it is gone. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
