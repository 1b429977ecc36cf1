package org.oidcstore.it.wildfly;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second WildFly process started by the test itself, from the module's distribution but with a
 * server base directory of its own (a copy of {@code standalone/}), another configuration file
 * (e.g. {@code standalone-microprofile.xml}, which has MicroProfile Health) and a port offset, so it
 * never meets the module's Arquillian server. Every interface on 127.0.0.1. WARs are deployed by the
 * deployment scanner ({@code deployments/}, waiting for the {@code .deployed} marker).
 */
final class WildFlyProcess implements AutoCloseable {
    private final Process process;
    private final Path base;
    private final int offset;

    private WildFlyProcess(Process process, Path base, int offset) {
        this.process = process;
        this.base = base;
        this.offset = offset;
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "wildfly-stop"));
    }

    static WildFlyProcess start(String config, int offset, Path base, String... moreArgs) throws Exception {
        Path home = Path.of(System.getProperty("jboss.home"));
        copyFresh(home.resolve("standalone"), base);
        List<String> cmd = new java.util.ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", config,
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1", "-Djboss.bind.address.private=127.0.0.1",
                "-Djava.net.preferIPv4Stack=true"));
        cmd.addAll(List.of(moreArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(base.resolve("console.log").toFile());
        pb.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true");
        return new WildFlyProcess(pb.start(), base, offset);
    }

    /** Copies {@code war} into the scanner's directory and waits for its {@code .deployed} marker. */
    void deploy(Path war, long timeoutSeconds) throws Exception {
        Path deployments = base.resolve("deployments");
        Files.copy(war, deployments.resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path deployed = deployments.resolve(war.getFileName() + ".deployed");
        Path failed = deployments.resolve(war.getFileName() + ".failed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!Files.exists(deployed)) {
            if (Files.exists(failed)) {
                throw new AssertionError("WildFly refused " + war.getFileName() + ": " + Files.readString(failed));
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("WildFly did not deploy " + war.getFileName() + " within " + timeoutSeconds
                        + " s; see " + base.resolve("log/server.log"));
            }
            Thread.sleep(250);
        }
    }

    /**
     * Runs {@code commands} through {@code jboss-cli.sh} against this server's management interface
     * (local authentication: same user, same machine), waiting until the server answers first;
     * the CLI's output.
     */
    String cli(long timeoutSeconds, String... commands) throws Exception {
        Path home = Path.of(System.getProperty("jboss.home"));
        List<String> cmd = List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=remote+http://127.0.0.1:" + managementPort(), "--timeout=10000",
                "--commands=" + String.join(",", commands));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            Path out = Files.createTempFile(base, "cli", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("jboss-cli.sh did not finish within " + timeoutSeconds + " s: " + commands);
            }
            String text = Files.readString(out);
            if (p.exitValue() == 0) {
                return text;
            }
            // only a refused connection is retried: then no command ran
            if (!process.isAlive() || System.nanoTime() > deadline
                    || !text.contains("Failed to connect to the controller")) {
                throw new AssertionError("jboss-cli.sh failed (" + p.exitValue() + "): " + text);
            }
            Thread.sleep(1000); // the management interface is not up yet
        }
    }

    /** The management interface's port (MicroProfile Health is served there on WildFly). */
    int managementPort() {
        return 9990 + offset;
    }

    long pid() {
        return process.pid();
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    @Override
    public void close() throws Exception {
        List<ProcessHandle> children = process.descendants().toList();
        kill();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle c : children) {
            c.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private static void copyFresh(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (var paths = Files.walk(to)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String rel = from.relativize(dir).toString();
                if (rel.equals("data") || rel.equals("log") || rel.equals("tmp") || rel.startsWith("deployments/")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(rel));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!from.relativize(file).toString().startsWith("deployments/")) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Files.createDirectories(to.resolve("deployments"));
    }
}
