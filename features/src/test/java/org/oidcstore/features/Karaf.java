package org.oidcstore.features;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Apache Karaf 4.4, unpacked by the build into {@code target/}: configured for
 * 127.0.0.1 only and for offline resolution (its own {@code system/} folder plus the Maven-layout
 * repository the build copies our bundles and their dependencies to), started as
 * {@code bin/karaf server}, driven through {@code bin/client} in batch mode (commands on its
 * standard input, over SSH on 127.0.0.1), stopped with {@code bin/stop}.
 */
final class Karaf implements AutoCloseable {
    static final int SSH_PORT = 8101;

    private final Path home;
    private Process process;

    Karaf(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    /** Fresh state (no data/, no leftover configuration), loopback-only, offline. */
    void configure(Path repository) throws IOException {
        deleteTree(home.resolve("data"));
        Files.deleteIfExists(home.resolve("etc/org.oidcstore.store.cfg"));
        replace("etc/org.apache.karaf.shell.cfg", "sshHost = 0.0.0.0", "sshHost = 127.0.0.1");
        replace("etc/users.properties", "#karaf = karaf,_g_:admingroup", "karaf = karaf,_g_:admingroup");
        replace("etc/users.properties", "#_g_\\:admingroup", "_g_\\:admingroup");
        String system = "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, "
                + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots, ";
        setProperty("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                system + repository.toUri() + "@id=oidc-it@snapshots");
        setProperty("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", "");
        setProperty("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                home.resolve("data/empty-m2").toString());
    }

    /** Replaces a key of a Karaf .cfg file (with its continuation lines), or appends it. */
    void setProperty(String file, String key, String value) throws IOException {
        Path p = home.resolve(file);
        List<String> out = new java.util.ArrayList<>();
        boolean skipping = false;
        for (String line : Files.readAllLines(p)) {
            String t = line.trim();
            if (skipping) {
                skipping = t.endsWith("\\");
                continue;
            }
            if (t.startsWith(key + "=") || t.startsWith(key + " =") || t.equals(key)) {
                skipping = t.endsWith("\\");
                continue;
            }
            out.add(line);
        }
        out.add(key + " = " + value);
        Files.write(p, out);
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = home.resolve(file);
        String s = Files.readString(p);
        if (!s.contains(from) && !s.contains(to)) {
            throw new IllegalStateException(file + " has no line '" + from + "' (another Karaf version?)");
        }
        Files.writeString(p, s.replace(from, to));
    }

    void start() throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("data"));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("data/console.log").toFile());
        pb.environment().put("JAVA_MAX_MEM", "512M");
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("KARAF_DEBUG");
        process = pb.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited at start: see " + home.resolve("data/console.log"));
            }
            String out = tryRun(1, "feature:list -i");
            if (out != null && !out.startsWith("EXIT ") && out.contains("ssh")) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Karaf did not answer on 127.0.0.1:" + SSH_PORT + " within 120 s");
            }
            Thread.sleep(1000);
        }
    }

    /** The Karaf JVM (the child of bin/karaf), for the listener check. */
    List<Long> pids() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants()).filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).toList();
    }

    /** Runs shell commands in one client session (batch mode); returns what they printed. */
    String run(String... commands) throws IOException, InterruptedException {
        String out = tryRun(30, commands);
        if (out == null || out.startsWith("EXIT ")) {
            throw new IllegalStateException("bin/client failed for " + String.join("; ", commands) + ":\n" + out
                    + "\nlog: " + home.resolve("data/log/karaf.log"));
        }
        return out;
    }

    private String tryRun(int retries, String... commands) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a",
                String.valueOf(SSH_PORT), "-u", "karaf", "-p", "karaf", "-r", String.valueOf(retries), "-d", "1", "-b")
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process client = pb.start();
        try (OutputStream in = client.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream o = client.getInputStream()) {
            o.transferTo(buf);
        }
        if (!client.waitFor(120, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            return null;
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        return client.exitValue() == 0 ? out : "EXIT " + client.exitValue() + "\n" + out;
    }

    /** Names of the threads the store's libraries run, or whose stack is in them. */
    private static final java.util.regex.Pattern OUR_THREAD_NAME = java.util.regex.Pattern.compile(
            "agroal-.*|oidc-store-.*|Transaction Reaper.*|commons-pool-.*|PostgreSQL-JDBC-.*|.*[Jj]edis.*|H2 .*"
                    + "|[Mm]aria[Dd]b.*");
    private static final java.util.regex.Pattern OUR_FRAME = java.util.regex.Pattern.compile(
            "\\s+at (\\S+/)?(org\\.oidcstore\\.store|com\\.arjuna|org\\.jboss\\.narayana|io\\.agroal"
                    + "|org\\.eclipse\\.persistence|redis\\.clients|org\\.postgresql|org\\.mariadb|org\\.h2"
                    + "|org\\.apache\\.commons\\.pool2)\\..*");

    /**
     * The threads of the store, its libraries and drivers now running in Karaf (from the
     * {@code threads} command): by name, or by a frame of their packages in the stack.
     */
    List<String> ourThreads() throws IOException, InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        for (String block : run("threads").split("\\R\\s*\\R")) {
            List<String> lines = block.strip().lines().toList();
            if (lines.isEmpty() || !lines.get(0).startsWith("\"")) {
                continue;
            }
            String name = lines.get(0).substring(1, lines.get(0).indexOf('"', 1));
            if (OUR_THREAD_NAME.matcher(name).matches() || lines.stream().anyMatch(l -> OUR_FRAME.matcher(l).matches())) {
                out.add(name);
            }
        }
        return out;
    }

    String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Stops Karaf with bin/stop, then makes sure no process of it is left. */
    @Override
    public void close() throws Exception {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        try {
            Process stop = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(home.resolve("data/stop.log").toFile()).start();
            stop.waitFor(60, TimeUnit.SECONDS);
            process.waitFor(60, TimeUnit.SECONDS);
        } finally {
            for (ProcessHandle h : all) {
                if (h.isAlive()) {
                    h.destroyForcibly();
                }
            }
            process = null;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
