package org.oidcstore.store.jpa.scaleout;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;
import org.oidcstore.store.jpa.internal.boot.Migrations;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.tck.MutableClock;

/**
 * One store per Galera node per test JVM, all on one {@link MutableClock}: each is a provider node
 * of the same deployment writing through a different database node. The schema is cleaned and
 * migrated once, through node 1; tests are isolated by deleting every row before each test.
 */
final class NodeStores {
    /** A 32-byte test pepper (the same as the single-server tests), so the HMAC path runs. */
    static final String PEPPER = "dGVzdC1wZXBwZXItMDEyMzQ1Njc4OWFiY2RlZi0wMTIzNDU2Nzg5";
    static final MutableClock CLOCK = MutableClock.startingNow();

    private static final Map<String, JpaStore> STORES = new HashMap<>();
    private static List<String> tables;

    private NodeStores() {
    }

    static JpaSettings settings(String url) {
        return JpaSettings.forUrl(url, Galera.USER, Galera.PASSWORD).withGcInterval(Duration.ZERO)
                .withSecretPepper(PEPPER).withPoolSize(12);
    }

    /** The store of node {@code n} (causal reads on), opened once per JVM. */
    static JpaStore node(int n) {
        return store(Galera.url(n), PEPPER);
    }

    /** A store on {@code url} with pepper configuration {@code pepper}, opened once per JVM. */
    static synchronized JpaStore store(String url, String pepper) {
        schema();
        return STORES.computeIfAbsent(url + "|" + pepper, k -> {
            JpaStore s = JpaStores.open(settings(url).withSecretPepper(pepper), CLOCK);
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            return s;
        });
    }

    /** Every {@code oidc_} data table; the schema is cleaned and migrated through node 1 on first use. */
    static synchronized List<String> schema() {
        if (tables == null) {
            Galera.requireCluster();
            Migrations.configure(Dialect.fromUrl(Galera.plainUrl(1)).orElseThrow(), "MariaDB Galera")
                    .cleanDisabled(false).dataSource(Galera.url(1), Galera.USER, Galera.PASSWORD).load().clean();
            JpaStores.open(settings(Galera.url(1)).withMigrate(true).withPoolSize(1), CLOCK).close();
            try (Connection c = Galera.connect(1)) {
                tables = tables(c);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
        return tables;
    }

    /** Deletes every row of every table, through node {@code n}. */
    static void clear(int n) {
        try (Connection c = Galera.connect(n); Statement st = c.createStatement()) {
            for (String t : schema()) {
                st.executeUpdate("DELETE FROM " + t);
            }
        } catch (SQLException e) {
            throw new AssertionError("could not clear the Galera tables through node " + n, e);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(c.getCatalog(), null, "oidc_%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.toLowerCase(Locale.ROOT).equals(Migrations.HISTORY_TABLE)) {
                    out.add(name);
                }
            }
        }
        return List.copyOf(out);
    }
}
