package org.oidcstore.store.jpa;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.TestPeppers;
import org.oidcstore.store.tck.Transactions;

/** The TCK fixture of one engine: the shared store, emptied, with JTA transactions through Narayana. */
final class JpaFixture implements StoreFixture {
    private final TestStores.Shared shared;

    JpaFixture(TestStores.Shared shared) {
        this.shared = shared;
    }

    @Override
    public OidcStore store() {
        return shared.store();
    }

    JpaStore jpaStore() {
        return shared.store();
    }

    Engine engine() {
        return shared.engine();
    }

    @Override
    public MutableClock clock() {
        return shared.clock();
    }

    @Override
    public SecretDigest digest() {
        return shared.digest();
    }

    /** Every column of every row of every {@code oidc_} table, one string per row; bytes as UTF-8. */
    @Override
    public PersistedState persisted() {
        return () -> {
            List<String> rows = new ArrayList<>();
            try (Statement st = shared.admin().createStatement()) {
                for (String table : shared.tables()) {
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

    /** The plain auto-commit connection the fixture reads committed state through. */
    java.sql.Connection adminConnection() {
        return shared.admin();
    }

    /** Rows of one table (by its lower-case name) as the engine sees them, committed only. */
    int count(String table) {
        String name = shared.tables().stream().filter(t -> t.equalsIgnoreCase(table)).findFirst().orElseThrow();
        try (Statement st = shared.admin().createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + name)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public Optional<Transactions> transactions() {
        TransactionManager tm = shared.store().transactionManager();
        return Optional.of(new Transactions() {
            @Override
            public <T> T commit(Supplier<T> work) {
                begin(tm);
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException | Error e) {
                    JpaFixture.rollback(tm);
                    throw e;
                }
                try {
                    tm.commit();
                } catch (Exception e) {
                    throw new IllegalStateException("commit failed", e);
                }
                return result;
            }

            @Override
            public void rollback(Runnable work) {
                begin(tm);
                try {
                    work.run();
                } finally {
                    JpaFixture.rollback(tm);
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

    /** The durable tier has no {@code max-value-bytes}: its columns hold whatever {@code Limits} allows. */
    @Override
    public OptionalInt maxValueBytes() {
        return OptionalInt.empty();
    }

    /** The allowance the shared store was opened with (the default, 60 s). */
    @Override
    public Duration jwtIdClockSkew() {
        return TestStores.settings(shared.engine()).jwtIdClockSkew();
    }

    @Override
    public void sweepExpired() {
        shared.store().gc().collect();
    }

    @Override
    public OidcStore reopen(SecretDigest digest) {
        return TestStores.reopened(shared.engine(), TestPeppers.configValue(digest));
    }

    @Override
    public void close() {
        // the next fixture empties the tables; the shared store stays open for the JVM
    }
}
