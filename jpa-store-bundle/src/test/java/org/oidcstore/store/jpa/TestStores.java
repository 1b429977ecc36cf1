package org.oidcstore.store.jpa;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oidcstore.store.jpa.internal.boot.Migrations;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.MutableClock;

/**
 * One store (entity manager factory, pool) per engine per test JVM, on a schema cleaned and
 * migrated on first use, on a
 * {@link MutableClock} that every fixture resets; tests are isolated by deleting every row of every
 * {@code oidc_} table before each test.
 */
final class TestStores {
    /** A 32-byte test pepper, so the tests run the HMAC path as production does. */
    static final String PEPPER = "dGVzdC1wZXBwZXItMDEyMzQ1Njc4OWFiY2RlZi0wMTIzNDU2Nzg5";
    static final String HISTORY_TABLE = "oidc_store_schema_history";

    private static final Map<Engine, Shared> SHARED = new EnumMap<>(Engine.class);
    /** Second stores on an engine's database, by {@code oidc.store.secret-pepper} value (TCK pepper rotation). */
    private static final Map<String, JpaStore> REOPENED = new java.util.HashMap<>();

    /** A store of one engine and what its fixtures need. */
    record Shared(Engine engine, JpaStore store, MutableClock clock, SecretDigest digest, Connection admin,
            List<String> tables) {
    }

    private TestStores() {
    }

    static JpaSettings settings(Engine engine) {
        return JpaSettings.forUrl(engine.url(), engine.user(), engine.password()).withMigrate(true)
                .withGcInterval(Duration.ZERO).withSecretPepper(PEPPER);
    }

    static synchronized Shared shared(Engine engine) {
        Shared s = SHARED.get(engine);
        if (s == null) {
            engine.requireReachable();
            // every test JVM starts from an empty schema, so a stale schema left by an older
            // build of an unreleased migration can never make the tests pass or fail
            Migrations.configure(Dialect.fromUrl(engine.url()).orElseThrow(), engine.displayName).cleanDisabled(false)
                    .dataSource(engine.url(), engine.user(), engine.password()).load().clean();
            MutableClock clock = MutableClock.startingNow();
            JpaStore store = JpaStores.open(settings(engine), clock);
            try {
                Connection admin = engine.connect();
                s = new Shared(engine, store, clock, settings(engine).secretDigest(), admin, tables(admin));
            } catch (SQLException e) {
                store.close();
                throw new AssertionError(e);
            }
            SHARED.put(engine, s);
            JpaStore toClose = store;
            Runtime.getRuntime().addShutdownHook(new Thread(toClose::close));
        }
        return s;
    }

    /** A fresh fixture: empty tables, clock at the current time. */
    static JpaFixture fixture(Engine engine) {
        Shared s = shared(engine);
        clear(s);
        s.clock().set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return new JpaFixture(s);
    }

    /** A fixture on the engine's shared store as it is: nothing emptied (to inspect what a test left). */
    static JpaFixture current(Engine engine) {
        return new JpaFixture(shared(engine));
    }

    /** Every {@code oidc_} data table (not the migration history), as the engine names it. */
    static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("oidc_") && !lower.equals(HISTORY_TABLE)) {
                    out.add(name);
                }
            }
        }
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return List.copyOf(out);
    }

    static void clear(Shared s) {
        try (Statement st = s.admin().createStatement()) {
            for (String t : s.tables()) {
                st.executeUpdate("DELETE FROM " + t);
            }
        } catch (SQLException e) {
            throw new AssertionError("could not clear the " + s.engine().displayName + " tables", e);
        }
    }

    /**
     * A second store on the database of {@code engine}'s shared store, on the same clock, digesting
     * with {@code pepperConfig} (an {@code oidc.store.secret-pepper} value): another node of the same
     * deployment. Opened once per value and kept for the JVM, like the shared store.
     */
    static synchronized JpaStore reopened(Engine engine, String pepperConfig) {
        Shared s = shared(engine);
        return REOPENED.computeIfAbsent(engine + "|" + pepperConfig, key -> {
            JpaStore store = JpaStores.open(settings(engine).withMigrate(false).withPoolSize(4)
                    .withSecretPepper(pepperConfig), s.clock());
            Runtime.getRuntime().addShutdownHook(new Thread(store::close));
            return store;
        });
    }
}
