package org.oidcstore.store.jpa.scaleout;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.TestPeppers;
import org.oidcstore.store.tck.Transactions;

/**
 * The TCK fixture on Galera: the store under test routes each thread to node 1 or node 2 (so the
 * threads of one race write through two database nodes, and what one thread wrote is read by
 * another through the other node), the persisted state is read through node 3, the expired-record
 * sweep runs through node 2 and a reopened store (another provider node) runs on node 3.
 */
final class GaleraFixture implements StoreFixture {
    private final OidcStore routed = RoutedStore.over(2, NodeStores::node);

    GaleraFixture() {
        NodeStores.clear(3);
        NodeStores.CLOCK.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public OidcStore store() {
        return routed;
    }

    @Override
    public MutableClock clock() {
        return NodeStores.CLOCK;
    }

    @Override
    public SecretDigest digest() {
        return NodeStores.settings(Galera.url(1)).secretDigest();
    }

    @Override
    public PersistedState persisted() {
        return () -> {
            List<String> rows = new ArrayList<>();
            try (Connection c = Galera.connect(3); Statement st = c.createStatement()) {
                for (String table : NodeStores.schema()) {
                    try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            StringBuilder b = new StringBuilder(table).append('{');
                            for (int i = 1; i <= md.getColumnCount(); i++) {
                                Object v = rs.getObject(i);
                                String text = v instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                        : String.valueOf(v);
                                b.append(i > 1 ? ", " : "").append(md.getColumnName(i)).append('=').append(text);
                            }
                            rows.add(b.append('}').toString());
                        }
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            return rows;
        };
    }

    @Override
    public Optional<Transactions> transactions() {
        TransactionManager tm = NodeStores.node(1).transactionManager();
        return Optional.of(new Transactions() {
            @Override
            /*
             * Through the store's inTransaction, which settles a commit lost to another node's
             * transaction (certification failure) into the contract's answer. A container-managed
             * transaction cannot: its commit failure reaches the caller as the container's
             * RollbackException (docs/scale-out.md).
             */
            public <T> T commit(Supplier<T> work) {
                return routed.inTransaction(work);
            }

            @Override
            public void rollback(Runnable work) {
                begin(tm);
                try {
                    work.run();
                } finally {
                    GaleraFixture.rollback(tm);
                }
            }
        });
    }

    private static void begin(TransactionManager tm) {
        try {
            tm.begin();
        } catch (Exception e) {
            throw new IllegalStateException("begin failed", e);
        }
    }

    private static void rollback(TransactionManager tm) {
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (Exception e) {
            throw new IllegalStateException("rollback failed", e);
        }
    }

    @Override
    public OptionalInt maxValueBytes() {
        return OptionalInt.empty();
    }

    @Override
    public Duration jwtIdClockSkew() {
        return org.oidcstore.store.spi.StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW;
    }

    @Override
    public void sweepExpired() {
        NodeStores.node(2).gc().collect();
    }

    @Override
    public OidcStore reopen(SecretDigest digest) {
        return NodeStores.store(Galera.url(3), TestPeppers.configValue(digest));
    }

    @Override
    public void close() {
        // the next fixture empties the tables; the node stores stay open for the JVM
    }
}
