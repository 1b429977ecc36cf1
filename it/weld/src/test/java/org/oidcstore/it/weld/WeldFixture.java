package org.oidcstore.it.weld;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.oidcstore.it.weld.support.RedisAdmin;
import org.oidcstore.it.weld.support.Services;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.Transactions;

/**
 * The TCK fixture over the deployment's injected beans: {@code store()} is the {@code @Default
 * OidcStore} (the composite over JPA on MariaDB and Redis over TLS + ACL), the clock is the
 * deployment's {@code @Default Clock}, transactions go through the injected JTA
 * {@code TransactionManager}, and the persisted state is every row of the {@code oidc_} tables
 * (JDBC) plus every key and value under the deployment's Redis prefix (admin login). Each fixture
 * starts from empty tables, no key under the prefix and the clock at the current time.
 */
final class WeldFixture implements StoreFixture {
    private static final String HISTORY = "oidc_store_schema_history";
    private static Connection admin;
    private static List<String> tables;

    private final TckBeans beans;
    private final MutableClock clock;

    WeldFixture(TckBeans beans) {
        this.beans = beans;
        this.clock = (MutableClock) TestClock.CLOCK;
        // the first use opens the JPA store (migrations) and the Redis store, before we clear
        beans.store().kinds();
        beans.store().grants().find("warm-up");
        beans.store().consumedJwtIds().isMarked("warm-up");
        clear();
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static synchronized Connection admin() {
        try {
            if (admin == null || admin.isClosed()) {
                admin = DriverManager.getConnection(Services.jdbcUrl(), Services.dbUser(), Services.dbPassword());
                List<String> found = new ArrayList<>();
                try (ResultSet rs = admin.getMetaData().getTables(admin.getCatalog(), null, "oidc%",
                        new String[] {"TABLE"})) {
                    while (rs.next()) {
                        String name = rs.getString("TABLE_NAME");
                        if (name.startsWith("oidc_") && !name.equalsIgnoreCase(HISTORY)) {
                            found.add(name);
                        }
                    }
                }
                if (found.isEmpty()) {
                    throw new AssertionError("no oidc_ table in " + Services.jdbcUrl() + ": the migrations did not run");
                }
                tables = List.copyOf(found);
            }
            return admin;
        } catch (SQLException e) {
            throw new AssertionError("MariaDB is not reachable at " + Services.jdbcUrl() + ": " + e.getMessage() + "; "
                    + Services.START_HINT, e);
        }
    }

    private static void clear() {
        Connection c = admin();
        try (Statement st = c.createStatement()) {
            for (String t : tables) {
                st.executeUpdate("DELETE FROM " + t);
            }
        } catch (SQLException e) {
            throw new AssertionError("could not clear the oidc_ tables", e);
        }
        RedisAdmin.get().deleteAll(Services.REDIS_PREFIX);
    }

    @Override
    public OidcStore store() {
        return beans.store();
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public SecretDigest digest() {
        return SecretDigest.fromConfig(Optional.of(Services.PEPPER));
    }

    @Override
    public PersistedState persisted() {
        return () -> {
            List<String> all = new ArrayList<>();
            try (Statement st = admin().createStatement()) {
                for (String table : tables) {
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
                            all.add(b.append('}').toString());
                        }
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            all.addAll(RedisAdmin.get().dump(Services.REDIS_PREFIX));
            return all;
        };
    }

    @Override
    public Optional<Transactions> transactions() {
        TransactionManager tm = beans.transactionManager();
        return Optional.of(new Transactions() {
            @Override
            public <T> T commit(Supplier<T> work) {
                begin(tm);
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException | Error e) {
                    WeldFixture.rollback(tm);
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
                    WeldFixture.rollback(tm);
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
    public void close() {
        // the next fixture empties the tables and the prefix; the deployment stays up for the class
    }
}
