package org.oidcstore.store.osgi.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;

/**
 * The durable tier of the OSGi service: {@value #BACKEND_KEY} {@code = jpa} opens the JPA backend
 * on a JDBC URL exactly as {@code JpaStores.open} does in Java SE (Narayana, an Agroal pool of the
 * vendor's driver, Flyway, the GC schedule), with the same {@code oidc.store.jpa.*} keys and
 * message ids as MicroProfile Config in CDI, plus the two JVM-wide Narayana settings
 * ({@value #OBJECT_STORE_KEY}, {@value #NODE_ID_KEY}). Reading the configuration never connects:
 * {@link #fromConfig} only validates, {@link #open} connects.
 *
 * <p>Only this class and {@link NarayanaEnvironment} load classes of the JPA bundle, so a service
 * configured without the durable tier resolves and runs without it (the import is optional).
 */
final class DurableTier {
    /** {@code none} (default) or {@code jpa}. */
    static final String BACKEND_KEY = OsgiKeys.DURABLE_BACKEND_KEY;
    static final String OBJECT_STORE_KEY = OsgiKeys.OBJECT_STORE_KEY;
    static final String NODE_ID_KEY = OsgiKeys.NODE_ID_KEY;
    static final int MAX_NODE_ID_BYTES = OsgiKeys.MAX_NODE_ID_BYTES;

    private final JpaSettings settings;
    private final Path objectStoreDir;
    private final String nodeIdentifier;

    private DurableTier(JpaSettings settings, Path objectStoreDir, String nodeIdentifier) {
        this.settings = settings;
        this.objectStoreDir = objectStoreDir;
        this.nodeIdentifier = nodeIdentifier;
    }

    /**
     * Reads and validates the durable tier's settings without connecting; every problem is added
     * to {@code problems} (one line each, starting with its id).
     *
     * @return the tier, or empty when {@value #BACKEND_KEY} is unset or {@code none}, or when a problem was found
     */
    static Optional<DurableTier> fromConfig(Map<String, String> props, Config config, List<String> problems) {
        if (!OsgiKeys.durableRequested(props)) {
            return Optional.empty();
        }
        String name = props.get(BACKEND_KEY).trim().toLowerCase(Locale.ROOT);
        if (!name.equals("jpa")) {
            problems.add(OsgiMessages.UNKNOWN_DURABLE_BACKEND + " " + BACKEND_KEY + " has the value '" + shown(name) + "', which is no durable"
                    + " backend of the OSGi service. Fix: set " + BACKEND_KEY + "=jpa, or remove it (no durable tier).");
            return Optional.empty();
        }
        if (!jpaBundleWired()) {
            problems.add(OsgiMessages.JPA_BUNDLE_MISSING + " " + BACKEND_KEY + "=jpa needs the JPA bundle (org.oidcstore.store.jpa), which"
                    + " this bundle cannot see: it is not installed, or was installed after this bundle resolved."
                    + " Fix: feature:install oidc-store-jpa and one JDBC driver feature (oidc-store-jdbc-mariadb,"
                    + " -postgresql or -h2); Karaf then refreshes this bundle.");
            return Optional.empty();
        }
        int before = problems.size();
        if (present(props.get(JpaSettings.KEY_DATASOURCE)) || present(props.get(JpaSettings.KEY_TARGET_SERVER))) {
            problems.add(OsgiMessages.SERVER_ONLY_JPA_KEYS + " " + JpaSettings.KEY_DATASOURCE + " and " + JpaSettings.KEY_TARGET_SERVER
                    + " name a Jakarta EE server's JNDI data source and EclipseLink platform; OSGi has neither."
                    + " Fix: remove them and set " + JpaSettings.KEY_URL + " (with " + JpaSettings.KEY_USER + " and "
                    + JpaSettings.KEY_PASSWORD + ").");
        }
        JpaSettings settings = null;
        try {
            settings = JpaSettings.fromConfig(config);
        } catch (StoreConfigurationException e) {
            // one line per problem after the "N problem(s) in the JPA store configuration:" line
            e.getMessage().lines().skip(1).forEach(problems::add);
        }
        Path dir = objectStoreDir(props.get(OBJECT_STORE_KEY), problems);
        String node = nodeIdentifier(props.get(NODE_ID_KEY), problems);
        return problems.size() == before ? Optional.of(new DurableTier(settings, dir, node)) : Optional.empty();
    }

    /**
     * Opens the JPA backend: configures Narayana (before its first use in this JVM), runs the
     * migrations when asked, deploys the persistence unit and schedules the GC.
     *
     * @throws StoreConfigurationException or {@code StoreUnavailableException} as {@code JpaStores.open}
     */
    JpaStore open(Clock clock) {
        NarayanaEnvironment.acquire(objectStoreDir, nodeIdentifier);
        try {
            return JpaStores.open(settings, clock);
        } catch (RuntimeException | Error e) {
            NarayanaEnvironment.release();
            throw e;
        }
    }

    /** Closes a store {@link #open} returned and lets Narayana stop its threads when it was the last. */
    static void close(OidcStore store) {
        try {
            ((JpaStore) store).close();
        } finally {
            NarayanaEnvironment.release();
        }
    }

    Path objectStoreDir() {
        return objectStoreDir;
    }

    String nodeIdentifier() {
        return nodeIdentifier;
    }

    /** Default: {@code ${karaf.data}/oidc-store/narayana} (Karaf's {@code data/}), else under the temp dir. */
    private static Path objectStoreDir(String raw, List<String> problems) {
        if (present(raw)) {
            Path p = Path.of(raw.trim());
            if (!p.isAbsolute()) {
                problems.add(OsgiMessages.OBJECT_STORE_NOT_ABSOLUTE + " " + OBJECT_STORE_KEY + " must be an absolute directory path. Fix: e.g. "
                        + OBJECT_STORE_KEY + "=${karaf.data}/oidc-store/narayana, or remove it for that default.");
            }
            return p;
        }
        String base = System.getProperty("karaf.data");
        return (base != null ? Path.of(base) : Path.of(System.getProperty("java.io.tmpdir")))
                .resolve("oidc-store").resolve("narayana");
    }

    /** Default: {@code oidc-<karaf.name>} ({@code oidc-root} on a default Karaf). */
    private static String nodeIdentifier(String raw, List<String> problems) {
        String v = present(raw) ? raw.trim() : "oidc-" + System.getProperty("karaf.name", "store");
        int bytes = v.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NODE_ID_BYTES || !v.matches("[A-Za-z0-9._-]+")) {
            problems.add(OsgiMessages.BAD_NODE_IDENTIFIER + " " + NODE_ID_KEY + " must be 1 to " + MAX_NODE_ID_BYTES + " characters of"
                    + " [A-Za-z0-9._-] (Narayana embeds it in every transaction id), unique per node."
                    + (present(raw) ? "" : " The default 'oidc-<karaf.name>' is too long here.")
                    + " Fix: set " + NODE_ID_KEY + "=<a short name of this node>.");
        }
        return v;
    }

    /** The JPA bundle's API is wired to this bundle (its import is optional). */
    private static boolean jpaBundleWired() {
        try {
            Class.forName("org.oidcstore.store.jpa.JpaStores", false, DurableTier.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    private static String shown(String raw) {
        String v = raw.strip().replaceAll("\\p{Cntrl}", "?");
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
