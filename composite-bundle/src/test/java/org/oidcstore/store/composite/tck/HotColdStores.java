package org.oidcstore.store.composite.tck;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.memory.internal.MemoryAggregate;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.MutableClock;

/**
 * The two tiers of the default hot/cold split for tests: one H2 JPA store per test JVM (migrated
 * once, emptied per test) and a fresh memory tier per test, on one {@link MutableClock} and one
 * peppered digest.
 */
public final class HotColdStores {
    /** A 32-byte test pepper, so the HMAC path runs as in production. */
    public static final String PEPPER = "Y29tcG9zaXRlLXRlc3QtcGVwcGVyLTAxMjM0NTY3ODlhYmNkZWY=";
    public static final String H2_URL = "jdbc:h2:mem:composite;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000";

    private static JpaStore jpa;
    /** Second durable stores on the same database, by {@code oidc.store.secret-pepper} value. */
    private static final java.util.Map<String, JpaStore> REOPENED = new java.util.HashMap<>();
    private static MutableClock clock;
    private static Connection admin;
    private static List<String> tables;

    private HotColdStores() {
    }

    public static SecretDigest digest() {
        return SecretDigest.fromConfig(Optional.of(PEPPER));
    }

    /** The shared durable tier, emptied; its clock set to now. */
    public static synchronized JpaStore durable() {
        if (jpa == null) {
            clock = MutableClock.startingNow();
            jpa = JpaStores.open(JpaSettings.forUrl(H2_URL, "sa", "").withMigrate(true)
                    .withGcInterval(Duration.ZERO).withSecretPepper(PEPPER), clock);
            try {
                admin = DriverManager.getConnection(H2_URL, "sa", "");
                tables = tables(admin);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            JpaStore toClose = jpa;
            Runtime.getRuntime().addShutdownHook(new Thread(toClose::close));
        }
        clear();
        clock.set(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        return jpa;
    }

    /**
     * A second durable store on the shared H2 database and clock, digesting with {@code pepperConfig}
     * (another node of the deployment); opened once per value and kept for the JVM.
     */
    public static synchronized JpaStore reopenedDurable(String pepperConfig) {
        durableStarted();
        return REOPENED.computeIfAbsent(pepperConfig, p -> {
            JpaStore s = JpaStores.open(JpaSettings.forUrl(H2_URL, "sa", "").withGcInterval(Duration.ZERO)
                    .withPoolSize(4).withSecretPepper(p), clock);
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            return s;
        });
    }

    public static synchronized MutableClock clock() {
        durableStarted();
        return clock;
    }

    /** A fresh memory tier on the shared clock and digest. */
    public static MemoryAggregate volatileTier() {
        durableStarted();
        return (MemoryAggregate) MemoryStores.open(MemorySettings.defaults(), clock, digest());
    }

    private static void durableStarted() {
        if (jpa == null) {
            throw new IllegalStateException("call durable() first");
        }
    }

    /** Every column of every row of every oidc_ table, one string per row. */
    public static synchronized List<String> rows() {
        List<String> out = new ArrayList<>();
        try (Statement st = admin.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + t)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder(t).append('{');
                        for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            b.append(i > 1 ? ", " : "").append(v instanceof byte[] bytes
                                    ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(v));
                        }
                        out.add(b.append('}').toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static void clear() {
        try (Statement st = admin.createStatement()) {
            for (String t : tables) {
                st.executeUpdate("DELETE FROM " + t);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("oidc_") && !lower.contains("schema_history")) {
                    out.add(name);
                }
            }
        }
        return List.copyOf(out);
    }
}
