package org.oidcstore.bench;

import io.agroal.api.AgroalDataSource;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.oidcstore.spring.sas.OidcStoreAuthorizationService;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;
import org.oidcstore.store.memory.MemoryStores;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * What each {@code sas-flow} contender sends to MariaDB per flow, as {@link StatementProbe} does for
 * the durable flow: each contender on a pool of ONE connection (ours: the JPA store's XA pool under
 * the case's transaction manager, the composite over it; SAS: an auto-commit pool), the session
 * counters read before and after a number of flows, the cost of reading them subtracted.
 */
final class SasStatementProbe {
    private SasStatementProbe() {
    }

    static void run(Md md, JpaStore main, RegisteredClient client, RegisteredClientRepository clients)
            throws SQLException {
        int n = (int) Bench.size(40, 5);
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        TransactionManager tm = main.transactionManager();
        TransactionSynchronizationRegistry tsr =
                com.arjuna.ats.jta.common.jtaPropertyManager.getJTAEnvironmentBean().getTransactionSynchronizationRegistry();
        try (AgroalDataSource xa = Db.storePool(tm, tsr, 1);
             JpaStore jpa = JpaStores.open(Db.jpaSettings().withMigrate(false), Clock.systemUTC(), xa, tm, tsr)) {
            OidcStoreAuthorizationService ours = new OidcStoreAuthorizationService(
                    Composites.withMetrics(jpa, MemoryStores.open()), clients);
            rows.put(SasFlow.OURS, StatementProbe.perFlow(xa, new SasProviderFlow(SasFlow.OURS, ours, client, () -> { }),
                    n));
        }
        try (AgroalDataSource p = Db.autoCommitPool(1)) {
            JdbcOAuth2AuthorizationService sas = new JdbcOAuth2AuthorizationService(new JdbcTemplate(p), clients);
            rows.put(SasFlow.SAS, StatementProbe.perFlow(p, new SasProviderFlow(SasFlow.SAS, sas, client, () -> { }), n));
        }
        md.h(3, "Statements per flow (what each contender sends to MariaDB)");
        md.p(Md.f("Session counters of a one-connection pool over %d flows, per flow (issue + redeem + rotate)."
                + " *Questions* = statements sent by the client = round trips (SAS's auto-commit statements"
                + " commit without a COMMIT statement).", n));
        String[] header = new String[StatementProbe.COUNTERS.size() + 1];
        header[0] = "contender";
        for (int i = 0; i < StatementProbe.COUNTERS.size(); i++) {
            header[i + 1] = StatementProbe.COUNTERS.get(i).replace("Com_", "");
        }
        Md.Table t = md.table(header);
        rows.forEach((name, v) -> {
            Object[] cells = new Object[StatementProbe.COUNTERS.size() + 1];
            cells[0] = name;
            for (int i = 0; i < StatementProbe.COUNTERS.size(); i++) {
                cells[i + 1] = Md.f("%.1f", v.get(StatementProbe.COUNTERS.get(i)));
            }
            t.row(cells);
        });
        t.end();
        rows.forEach((name, v) -> Bench.log("sas flow statements per flow, %s: %.1f (Questions)", name,
                v.get("Questions")));
    }
}
