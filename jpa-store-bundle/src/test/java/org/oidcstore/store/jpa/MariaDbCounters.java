package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.oidcstore.store.jpa.internal.JpaOidcStore;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * What store work costs MariaDB, counted by the engine: the session's own status counters
 * ({@code SHOW SESSION STATUS}), read through the one connection of a store whose pool holds one
 * ({@code withPoolSize(1)}), before and after the work, less what the {@code SHOW} itself adds.
 */
final class MariaDbCounters {
    static final List<String> COUNTERS = List.of("Questions", "Com_select", "Com_update", "Com_insert",
            "Com_delete", "Com_commit", "Com_rollback", "Com_begin", "Com_set_option");

    private MariaDbCounters() {
    }

    /**
     * A store on the MariaDB test database (emptied, migrated on first use) whose pool holds ONE
     * connection, so that the session counters read through it are the store's.
     */
    static JpaStore oneConnectionStore(java.time.Clock clock) {
        Engine.MARIADB.requireReachable();
        TestStores.fixture(Engine.MARIADB);
        return JpaStores.open(TestStores.settings(Engine.MARIADB).withMigrate(false).withPoolSize(1), clock);
    }

    /** The data source of a store's pool. */
    static DataSource dataSource(JpaStore store) throws ReflectiveOperationException {
        var field = JpaOidcStore.class.getDeclaredField("tx");
        field.setAccessible(true);
        return ((TxRunner) field.get(store)).dataSource();
    }

    private static Map<String, Long> status(DataSource ds) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW SESSION STATUS")) {
            while (rs.next()) {
                if (COUNTERS.contains(rs.getString(1))) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** The session counters that {@code work} moved (its answer must not be {@code null}). */
    static Map<String, Long> cost(DataSource ds, Supplier<?> work) throws SQLException {
        Map<String, Long> a = status(ds);
        Map<String, Long> b = status(ds);
        assertThat(work.get()).isNotNull();
        Map<String, Long> c = status(ds);
        Map<String, Long> cost = new TreeMap<>();
        for (String k : COUNTERS) {
            cost.put(k, (c.get(k) - b.get(k)) - (b.get(k) - a.get(k)));
        }
        return cost;
    }
}
