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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.oidcstore.it.weld.support.RedisAdmin;
import org.oidcstore.it.weld.support.Services;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStores;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.PersistedState;
import org.oidcstore.store.tck.StoreFixture;
import org.oidcstore.store.tck.TestPeppers;
import org.oidcstore.store.tck.Transactions;
import org.oidcstore.store.tier.StoreTier;

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
    /** Second deployments' stores (JPA on the same database, Redis on the same prefix), by pepper list. */
    private static final Map<String, OidcStore> REOPENED = new HashMap<>();

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

    /** The volatile (Redis) tier runs with the default {@code max-value-bytes}. */
    @Override
    public OptionalInt maxValueBytes() {
        return OptionalInt.of(RedisSettings.DEFAULT_MAX_VALUE_BYTES);
    }

    /** Per kind, by the tier the composite routes it to: the durable tier has no limit. */
    @Override
    public OptionalInt maxValueBytes(StoreKind kind) {
        return beans.composite().routingTable().get(kind).tier() == StoreTier.VOLATILE ? maxValueBytes()
                : OptionalInt.empty();
    }

    /** The default allowance: the deployment does not set {@code oidc.store.jwt-id-clock-skew}. */
    @Override
    public Duration jwtIdClockSkew() {
        return StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW;
    }

    /** The durable tier's GC; Redis expires keys by their TTL. */
    @Override
    public void sweepExpired() {
        beans.gc().collect();
    }

    /**
     * The composite over a second JPA store on the deployment's database and a second Redis store
     * on its key prefix, both configured as the deployment is but with another pepper list.
     */
    @Override
    public OidcStore reopen(SecretDigest digest) {
        String peppers = TestPeppers.configValue(digest);
        synchronized (REOPENED) {
            return REOPENED.computeIfAbsent(peppers, p -> {
                Map<String, String> c = Services.tckConfig();
                var jpa = JpaStores.open(JpaSettings.forUrl(c.get("oidc.store.jpa.url"), c.get("oidc.store.jpa.user"),
                        c.get("oidc.store.jpa.password")).withGcInterval(Duration.ZERO).withPoolSize(4)
                        .withSecretPepper(p), clock);
                var redis = RedisStores.open(RedisSettings.builder().standalone(java.net.URI.create(
                        c.get("oidc.store.redis.uri"))).user(c.get("oidc.store.redis.user"))
                        .password(c.get("oidc.store.redis.password")).truststore(Services.truststore())
                        .truststorePassword(c.get("oidc.store.redis.truststore-password"))
                        .keyPrefix(Services.REDIS_PREFIX).timeout(Duration.parse(c.get("oidc.store.redis.timeout")))
                        .secretPepper(p).build(), clock);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    redis.close();
                    jpa.close();
                }));
                return CompositeStores.builder().withTier(StoreTier.DURABLE, jpa).withTier(StoreTier.VOLATILE, redis)
                        .build();
            });
        }
    }

    @Override
    public void close() {
        // the next fixture empties the tables and the prefix; the deployment stays up for the class
    }
}
