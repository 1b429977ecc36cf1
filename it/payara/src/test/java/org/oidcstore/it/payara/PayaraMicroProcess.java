package org.oidcstore.it.payara;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Payara Micro process started by the test itself, deploying several WARs at boot (the
 * Arquillian adapter starts one process per deployment, ~30 s each). Confined to 127.0.0.1 like the
 * adapter's (a preboot file that puts the HTTP listener on the loopback address, as the module's
 * does) and without the data grid ({@code --nohazelcast}: nothing here needs it, and it would
 * listen on another port). Its console (Payara's log) is kept in memory and copied to a file.
 */
final class PayaraMicroProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private PayaraMicroProcess(Process process, Path copy) {
        this.process = process;
        // a test JVM that ends without close() (killed fork, timeout) leaves no server behind
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "payara-micro-stop"));
        Thread reader = new Thread(() -> read(copy), "payara-micro-console");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts Payara Micro on {@code 127.0.0.1:port} with {@code wars} deployed in this order, and
     * returns once it says it is ready (every deployment was attempted by then).
     */
    static PayaraMicroProcess boot(List<Path> wars, int port, Path preboot, Path log, long timeoutSeconds)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx640m", "-Djava.io.tmpdir=" + required("payara.tmp"), "-Djava.net.preferIPv4Stack=true",
                "-jar", required("payara.jar"), "--nohazelcast", "--port", String.valueOf(port),
                "--disablephonehome", "--prebootcommandfile", preboot.toString()));
        for (Path war : wars) {
            cmd.add("--deploy");
            cmd.add(war.toString());
        }
        PayaraMicroProcess p = new PayaraMicroProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start(), log);
        try {
            p.ready.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            p.close();
            throw new AssertionError("Payara Micro did not say it was ready within " + timeoutSeconds + " s; see " + log);
        }
        return p;
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            throw new IllegalStateException("system property " + property + " is not set (the module's failsafe sets it)");
        }
        return v;
    }

    private void read(Path copy) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(copy), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                out.println(line);
                // "Payara Micro 6.2025.10 (build 42) ready in 52,949 (ms)", after every deployment
                if (line.contains("Payara Micro") && line.contains(" ready in ")) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new AssertionError("Payara Micro ended before it was ready; see " + copy));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Payara's console up to now. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
