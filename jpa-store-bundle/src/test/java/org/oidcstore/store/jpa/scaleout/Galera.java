package org.oidcstore.store.jpa.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three-node MariaDB Galera cluster that {@code bash .ci/services/40-galera.sh start} runs on
 * 127.0.0.1:3311-3313: node URLs, plain admin connections, and the node-kill helpers. The URLs come
 * from {@code oidc.test.galera.urls} (or {@code OIDC_TEST_GALERA_URLS}), comma-separated, else the
 * script's defaults. A node that cannot be reached fails the test with the command that starts it.
 */
final class Galera {
    static final String USER = setting("user", "oidcstore");
    static final String PASSWORD = setting("password", "oidcstore");
    /**
     * Read-your-writes across nodes: every read (1) and every UPDATE/DELETE (2) first waits until the
     * node has applied everything the cluster committed before it (docs/scale-out.md).
     */
    static final String CAUSAL = "sessionVariables=wsrep_sync_wait=3";
    private static final List<String> URLS = List.of(setting("urls",
            "jdbc:mariadb://127.0.0.1:3311/oidcstore,jdbc:mariadb://127.0.0.1:3312/oidcstore,"
                    + "jdbc:mariadb://127.0.0.1:3313/oidcstore").split(","));
    private static final String SCRIPT = ".ci/services/40-galera.sh";

    private Galera() {
    }

    /** Node {@code n} (1-3), with causal reads. */
    static String url(int n) {
        return withCausalReads(plainUrl(n));
    }

    /** Node {@code n} (1-3) as configured, without causal reads. */
    static String plainUrl(int n) {
        return URLS.get(n - 1).trim();
    }

    static String withCausalReads(String url) {
        return url + (url.contains("?") ? "&" : "?") + CAUSAL;
    }

    /** A plain auto-commit JDBC connection to node {@code n} with causal reads. */
    static Connection connect(int n) throws SQLException {
        return DriverManager.getConnection(url(n), USER, PASSWORD);
    }

    /** Fails (never skips) with the command that starts the cluster when a node cannot be reached or is not synced. */
    static void requireCluster() {
        for (int n = 1; n <= 3; n++) {
            try (Connection c = connect(n); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'wsrep_local_state_comment'")) {
                if (!rs.next() || !"Synced".equals(rs.getString(2))) {
                    throw new AssertionError("Galera node " + n + " is not synced; run `bash " + SCRIPT + " start`");
                }
            } catch (SQLException e) {
                throw new AssertionError("Galera node " + n + " not reachable at " + plainUrl(n)
                        + "; start the cluster with `bash .ci/services.sh start` (or `bash " + SCRIPT
                        + " start`), or point oidc.test.galera.urls at a running one", e);
            }
        }
    }

    /** One status variable of node {@code n}, e.g. {@code wsrep_cluster_size}. */
    static String status(int n, String variable) throws SQLException {
        try (Connection c = DriverManager.getConnection(plainUrl(n), USER, PASSWORD); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW STATUS LIKE '" + variable + "'")) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    /** The repository root (the directory holding {@code .ci}), from the module's working directory. */
    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve(SCRIPT))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new AssertionError(SCRIPT + " not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The pid of node {@code n}'s mariadbd, from the pid file the script's configuration names. */
    static long pid(int n) throws IOException {
        String base = System.getenv().getOrDefault("OIDC_SERVICES_DIR", "/tmp/oidc-store-services");
        return Long.parseLong(Files.readString(Path.of(base, "galera", "node" + n, "mariadbd.pid")).trim());
    }

    /** {@code kill -9} of node {@code n}'s server process. */
    static void kill9(int n) throws IOException {
        ProcessHandle.of(pid(n)).orElseThrow(() -> new AssertionError("node " + n + " is not running"))
                .destroyForcibly();
    }

    /** Starts node {@code n} through the services script and waits until it is synced again. */
    static void startNode(int n, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", SCRIPT, "start-node", Integer.toString(n))
                .directory(repositoryRoot().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("`bash " + SCRIPT + " start-node " + n + "` failed or took over " + timeout);
        }
    }

    private static String setting(String name, String def) {
        String p = System.getProperty("oidc.test.galera." + name);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String env = System.getenv("OIDC_TEST_GALERA_" + name.toUpperCase(java.util.Locale.ROOT));
        return env != null && !env.isBlank() ? env : def;
    }
}
