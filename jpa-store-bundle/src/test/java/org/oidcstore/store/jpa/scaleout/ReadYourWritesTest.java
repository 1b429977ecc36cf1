package org.oidcstore.store.jpa.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.jpa.JpaStores;
import org.oidcstore.store.tck.Samples;

/**
 * Read-your-writes across database nodes: a code saved by one provider node (through Galera node 1)
 * is redeemed by the next request on another provider node (through node 2). With causal reads
 * ({@code wsrep_sync_wait=3} on the connection, docs/scale-out.md) the redeem finds the code every
 * time; the store refuses to open on a Galera node without them (OIDCS-1330). What causal reads
 * cost, and what their absence does, is measured on plain JDBC (a row inserted through node 1,
 * read through node 2 at once). Runs under {@code -Pscale-out}.
 */
@Tag("scale-out")
class ReadYourWritesTest {
    private static final int ROUNDS = Integer.getInteger("oidc.scaleout.ryw.rounds", 2000);

    private Samples samples;

    @BeforeEach
    void clean() {
        NodeStores.clear(1);
        NodeStores.CLOCK.set(Instant.now());
        samples = new Samples(NodeStores.CLOCK);
    }

    @Test
    void aCodeSavedThroughOneNodeIsRedeemedThroughAnother() {
        OidcStore writer = NodeStores.node(1);
        OidcStore reader = NodeStores.node(2);
        int absent = 0;
        int failed = 0;
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            AuthorizationCode code = samples.code();
            writer.authorizationCodes().save(code);
            long t0 = System.nanoTime();
            try {
                if (reader.authorizationCodes().consume(code.code()).isEmpty()) {
                    absent++;
                }
            } catch (RuntimeException e) {
                failed++;
            }
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("[read-your-writes] store: save on node 1, consume on node 2 (causal reads), %d rounds:"
                + " absent %d, failed %d, consume p50 %.2f ms, p99 %.2f ms%n", ROUNDS, absent, failed,
                nanos[ROUNDS / 2] / 1e6, nanos[ROUNDS * 99 / 100] / 1e6);
        assertThat(absent).as("codes absent on node 2 right after their commit on node 1").isZero();
        assertThat(failed).as("consumes failing on node 2 right after the commit on node 1").isZero();
    }

    @Test
    void theStoreRefusesAGaleraNodeWithoutCausalReads() {
        assertThatThrownBy(() -> JpaStores.open(NodeStores.settings(Galera.plainUrl(2)), NodeStores.CLOCK).close())
                .isInstanceOf(StoreConfigurationException.class).hasMessageStartingWith("OIDCS-1330 ")
                .hasMessageContaining("sessionVariables=wsrep_sync_wait=3");
    }

    /** A provider node may list several database nodes ({@code jdbc:mariadb:sequential://}): the check and the store work on it. */
    @Test
    void aStoreOnASequentialUrlOfSeveralNodesOpensAndServes() {
        String url = "jdbc:mariadb:sequential://127.0.0.1:3313,127.0.0.1:3311/oidcstore?" + Galera.CAUSAL;
        try (var store = JpaStores.open(NodeStores.settings(url).withPoolSize(2), NodeStores.CLOCK)) {
            AuthorizationCode code = samples.code();
            store.authorizationCodes().save(code);
            assertThat(NodeStores.node(1).authorizationCodes().consume(code.code())).as("saved through the list,"
                    + " redeemed through node 1").isPresent();
        }
    }

    @Test
    void whatCausalReadsCostAndWhatTheirAbsenceDoes() throws SQLException {
        try (Connection w = Galera.connect(1); Statement st = w.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS scaleout_probe (id BIGINT PRIMARY KEY)");
            st.execute("DELETE FROM scaleout_probe");
        }
        long[] causal = probe(Galera.url(2), 0);
        long[] plain = probe(Galera.plainUrl(2), ROUNDS);
        System.out.printf("[read-your-writes] JDBC: insert on node 1, select on node 2 at once, %d rounds each:%n"
                + "  causal (wsrep_sync_wait=3): absent %d, select p50 %.2f ms, p99 %.2f ms%n"
                + "  without (wsrep_sync_wait=0): absent %d, select p50 %.2f ms, p99 %.2f ms%n", ROUNDS,
                causal[0], causal[1] / 1e6, causal[2] / 1e6, plain[0], plain[1] / 1e6, plain[2] / 1e6);
        assertThat(causal[0]).as("rows absent on node 2 after their commit on node 1, with causal reads").isZero();
    }

    /** {absent, p50 ns, p99 ns} of selects through {@code readerUrl} right after inserts through node 1. */
    private static long[] probe(String readerUrl, long firstId) throws SQLException {
        long absent = 0;
        long[] nanos = new long[ROUNDS];
        try (Connection w = Galera.connect(1); Connection r = DriverManager.getConnection(readerUrl, Galera.USER,
                Galera.PASSWORD); PreparedStatement ins = w.prepareStatement("INSERT INTO scaleout_probe VALUES (?)");
                PreparedStatement sel = r.prepareStatement("SELECT id FROM scaleout_probe WHERE id = ?")) {
            for (int i = 0; i < ROUNDS; i++) {
                ins.setLong(1, firstId + i);
                ins.executeUpdate();
                sel.setLong(1, firstId + i);
                long t0 = System.nanoTime();
                try (ResultSet rs = sel.executeQuery()) {
                    if (!rs.next()) {
                        absent++;
                    }
                }
                nanos[i] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        return new long[] {absent, nanos[ROUNDS / 2], nanos[ROUNDS * 99 / 100]};
    }
}
