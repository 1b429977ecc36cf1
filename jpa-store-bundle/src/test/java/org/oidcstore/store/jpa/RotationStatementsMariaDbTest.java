package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.tck.Samples;

/**
 * What a rotation sends to MariaDB, with and without a retry response: a store on a pool of ONE
 * connection, whose session counters ({@code SHOW SESSION STATUS}, read on that same connection
 * between flows) count every statement the store sent. The response rides on the successor's
 * {@code INSERT}, so both rotations send the same statements.
 */
class RotationStatementsMariaDbTest {
    private static final List<String> COUNTERS = List.of("Questions", "Com_select", "Com_insert", "Com_update",
            "Com_xa_start", "Com_xa_commit", "Com_commit");
    private static final int N = 20;

    private static Map<String, Long> counters(AgroalDataSource ds) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW SESSION STATUS")) {
            while (rs.next()) {
                if (COUNTERS.contains(rs.getString(1))) {
                    m.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                }
            }
        }
        return m;
    }

    /** Statements per call of {@code flow} on {@code items}, the cost of reading the counters subtracted. */
    private static <T> Map<String, Double> perCall(AgroalDataSource ds, List<T> items, Consumer<T> flow)
            throws SQLException {
        Map<String, Long> s0 = counters(ds);
        Map<String, Long> s1 = counters(ds);
        items.forEach(flow);
        Map<String, Long> s2 = counters(ds);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String c : COUNTERS) {
            long probe = s1.getOrDefault(c, 0L) - s0.getOrDefault(c, 0L);
            out.put(c, (s2.getOrDefault(c, 0L) - s1.getOrDefault(c, 0L) - probe) / (double) items.size());
        }
        return out;
    }

    @Test
    void aRotationWithARetryResponseSendsTheStatementsOfOneWithout() throws SQLException {
        JpaFixture fixture = TestStores.fixture(Engine.MARIADB); // a migrated, emptied database
        TransactionManager tm = ((JpaStore) fixture.store()).transactionManager();
        TransactionSynchronizationRegistry tsr = com.arjuna.ats.jta.common.jtaPropertyManager.getJTAEnvironmentBean()
                .getTransactionSynchronizationRegistry();
        Engine e = Engine.MARIADB;
        AgroalDataSourceConfigurationSupplier cfg = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(1).minSize(0).initialSize(0)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .transactionIntegration(new io.agroal.narayana.NarayanaTransactionIntegration(tm, tsr))
                        .connectionFactoryConfiguration(cf -> cf.connectionProviderClass(org.mariadb.jdbc.Driver.class)
                                .jdbcUrl(e.url()).autoCommit(false).principal(new NamePrincipal(e.user()))
                                .credential(new SimplePassword(e.password())).jdbcTransactionIsolation(
                                        io.agroal.api.configuration.AgroalConnectionFactoryConfiguration
                                                .TransactionIsolation.READ_COMMITTED)));
        Samples samples = new Samples(fixture.clock());
        try (AgroalDataSource one = AgroalDataSource.from(cfg);
                JpaStore store = JpaStores.open(TestStores.settings(e).withMigrate(false), fixture.clock(), one, tm, tsr)) {
            RefreshRetryResponses grace = store.refreshRetryResponses().orElseThrow();
            List<RefreshToken> roots = new ArrayList<>();
            for (int i = 0; i < 2 * N + 2; i++) {
                RefreshToken root = samples.refreshToken();
                store.refreshTokens().save(root, null);
                roots.add(root);
            }
            Consumer<RefreshToken> plain = root -> store.inTransaction(() -> {
                RefreshToken used = store.refreshTokens().consume(root.token()).orElseThrow();
                store.refreshTokens().save(used.successor(Samples.secret("rt"), null, samples.now(),
                        samples.now().plus(Duration.ofDays(1))), root.token());
                return null;
            });
            Consumer<RefreshToken> graced = root -> store.inTransaction(() -> {
                RefreshToken used = grace.consume(root.token()).orElseThrow();
                RefreshToken next = used.successor(Samples.secret("rt"), null, samples.now(),
                        samples.now().plus(Duration.ofDays(1)));
                grace.saveWithRetryResponse(next, root.token(), ("{\"refresh_token\":\"" + next.token() + "\"}")
                        .getBytes(StandardCharsets.UTF_8), samples.now().plusSeconds(60));
                return null;
            });
            plain.accept(roots.get(0)); // warm up both paths
            graced.accept(roots.get(1));
            Map<String, Double> withoutResponse = perCall(one, roots.subList(2, 2 + N), plain);
            Map<String, Double> withResponse = perCall(one, roots.subList(2 + N, 2 + 2 * N), graced);
            Map<String, Double> serve = perCall(one, roots.subList(2 + N, 2 + 2 * N),
                    root -> assertThat(grace.findRetryResponse(root.token())).isPresent());
            System.out.println("MariaDB statements per rotation without a retry response: " + withoutResponse);
            System.out.println("MariaDB statements per rotation with a retry response:    " + withResponse);
            System.out.println("MariaDB statements per findRetryResponse (own transaction): " + serve);
            assertThat(withResponse).as("with a retry response, per counter").isEqualTo(withoutResponse);
            assertThat(withoutResponse.get("Com_insert")).as("one INSERT per rotation").isEqualTo(1.0);
            assertThat(serve.get("Com_select")).as("serving a response: one SELECT").isEqualTo(1.0);
        }
    }
}
