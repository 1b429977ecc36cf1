package org.oidcstore.bench;

import io.agroal.api.AgroalDataSource;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;

/**
 * What each contender sends to MariaDB per flow: every contender runs on a pool of ONE connection,
 * whose session counters ({@code SHOW SESSION STATUS}) are read before and after a number of flows.
 * {@code Questions} counts the statements the client sent, i.e. the round trips; the {@code Com_*}
 * counters break them down. The cost of reading the counters is measured and subtracted.
 */
final class StatementProbe {
    static final List<String> COUNTERS = List.of("Questions", "Com_select", "Com_insert", "Com_update",
            "Com_xa_start", "Com_xa_end", "Com_xa_prepare", "Com_xa_commit", "Com_commit", "Com_rollback",
            "Com_set_option", "Com_stmt_prepare", "Com_stmt_execute");

    private StatementProbe() {
    }

    /** @param main the case's store: a second store in one JVM must share its transaction manager */
    static void run(Md md, JpaStore main) throws SQLException {
        if (Db.engine().postgres()) {
            runCounted(md, main);
            return;
        }
        int n = (int) Bench.size(40, 5);
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        TransactionManager tm = main.transactionManager();
        TransactionSynchronizationRegistry tsr =
                com.arjuna.ats.jta.common.jtaPropertyManager.getJTAEnvironmentBean().getTransactionSynchronizationRegistry();
        try (AgroalDataSource xa = Db.storePool(tm, tsr, 1);
             JpaStore jpa = JpaStores.open(Db.jpaSettings().withMigrate(false), Clock.systemUTC(), xa, tm, tsr)) {
            rows.put("ours (JPA store)", perFlow(xa, new OursFlow("ours", jpa), n));
        }
        try (AgroalDataSource p = Db.plainPool(1)) {
            rows.put("raw JDBC", perFlow(p, new RawJdbcFlow(p), n));
        }
        try (AgroalDataSource p = Db.plainPool(1)) {
            rows.put("Spring Authorization Server", perFlow(p, new SpringFlow(p), n));
        }
        md.h(3, "Statements per flow (what each contender sends to MariaDB)");
        md.p(Md.f("Session counters of a one-connection pool over %d flows, per flow (issue + redeem + rotate)."
                + " *Questions* = statements sent by the client = round trips.", n));
        String[] header = new String[COUNTERS.size() + 1];
        header[0] = "contender";
        for (int i = 0; i < COUNTERS.size(); i++) {
            header[i + 1] = COUNTERS.get(i).replace("Com_", "");
        }
        Md.Table t = md.table(header);
        rows.forEach((name, v) -> {
            Object[] cells = new Object[COUNTERS.size() + 1];
            cells[0] = name;
            for (int i = 0; i < COUNTERS.size(); i++) {
                cells[i + 1] = Md.f("%.1f", v.get(COUNTERS.get(i)));
            }
            t.row(cells);
        });
        t.end();
    }

    private static final List<String> KINDS = List.of("select", "insert", "update", "delete", "commit", "rollback");

    /**
     * PostgreSQL: the same one-connection pools on {@link CountingDriver}, which counts what the
     * client sends (PostgreSQL keeps no per-session statement counters without
     * {@code pg_stat_statements} preloaded).
     */
    private static void runCounted(Md md, JpaStore main) throws SQLException {
        int n = (int) Bench.size(40, 5);
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        TransactionManager tm = main.transactionManager();
        TransactionSynchronizationRegistry tsr =
                com.arjuna.ats.jta.common.jtaPropertyManager.getJTAEnvironmentBean().getTransactionSynchronizationRegistry();
        try (AgroalDataSource xa = Db.storePool(tm, tsr, 1, CountingDriver.class);
             JpaStore jpa = JpaStores.open(Db.jpaSettings().withMigrate(false), Clock.systemUTC(), xa, tm, tsr)) {
            rows.put("ours (JPA store)", counted(new OursFlow("ours", jpa), n));
        }
        try (AgroalDataSource p = Db.plainPool(1, CountingDriver.class)) {
            rows.put("raw JDBC", counted(new RawJdbcFlow(p), n));
        }
        try (AgroalDataSource p = Db.plainPool(1, CountingDriver.class)) {
            rows.put("Spring Authorization Server", counted(new SpringFlow(p), n));
        }
        md.h(3, "Statements per flow (what each contender sends to PostgreSQL)");
        md.p(Md.f("Statements the client sends on a one-connection pool over %d flows, per flow (issue + redeem +"
                + " rotate), counted by a wrapping JDBC driver: every `execute*` by its first keyword, every"
                + " commit and rollback. With auto-commit off the PostgreSQL driver sends `BEGIN` with the"
                + " first statement, so *statements* = round trips.", n));
        Md.Table t = md.table("contender", "statements", "select", "insert", "update", "delete", "commit", "rollback",
                "other");
        rows.forEach((name, v) -> t.row(name, Md.f("%.1f", v.values().stream().mapToDouble(Double::doubleValue).sum()),
                Md.f("%.1f", v.get("select")), Md.f("%.1f", v.get("insert")), Md.f("%.1f", v.get("update")),
                Md.f("%.1f", v.get("delete")), Md.f("%.1f", v.get("commit")), Md.f("%.1f", v.get("rollback")),
                Md.f("%.1f", v.get("other"))));
        t.end();
    }

    private static Map<String, Double> counted(Flow flow, int n) {
        Load.count(1, 5, 3, flow::run);
        Map<String, Long> s0 = CountingDriver.snapshot();
        Load.count(1, n, 3, flow::run);
        Map<String, Long> s1 = CountingDriver.snapshot();
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : KINDS) {
            out.put(k, (s1.getOrDefault(k, 0L) - s0.getOrDefault(k, 0L)) / (double) n);
        }
        long other = 0;
        for (String k : s1.keySet()) {
            if (!KINDS.contains(k)) {
                other += s1.get(k) - s0.getOrDefault(k, 0L);
            }
        }
        out.put("other", other / (double) n);
        return out;
    }

    static Map<String, Double> perFlow(DataSource ds, Flow flow, int n) throws SQLException {
        Load.count(1, 5, 3, flow::run);
        Map<String, Long> s0 = snapshot(ds);
        Map<String, Long> s1 = snapshot(ds);
        Load.count(1, n, 3, flow::run);
        Map<String, Long> s2 = snapshot(ds);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String c : COUNTERS) {
            long probe = s1.get(c) - s0.get(c);
            out.put(c, (s2.get(c) - s1.get(c) - probe) / (double) n);
        }
        return out;
    }

    private static Map<String, Long> snapshot(DataSource ds) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SESSION STATUS")) {
            while (rs.next()) {
                m.put(rs.getString(1), parse(rs.getString(2)));
            }
        }
        for (String k : COUNTERS) {
            m.putIfAbsent(k, 0L);
        }
        return m;
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
