package org.oidcstore.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.api.transaction.TransactionIntegration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;

import static io.agroal.api.configuration.AgroalConnectionFactoryConfiguration.TransactionIsolation.READ_COMMITTED;

/**
 * The bench database on the local MariaDB (or PostgreSQL, {@link #use}): a scratch database
 * {@code oidcstore_bench} (dropped and created anew per case, so that concurrent test runs on
 * {@code oidcstore} and the bench never truncate each other's tables), our schema by the store's
 * own migrations, Spring Authorization Server's schema from its jar.
 */
final class Db {
    /** The engine of this JVM's case (each case runs in a JVM of its own): MariaDB unless a case chooses. */
    private static Engine engine = Engine.MARIADB;

    private Db() {
    }

    static void use(Engine e) {
        engine = e;
    }

    static Engine engine() {
        return engine;
    }

    static void recreate() {
        try (Connection c = DriverManager.getConnection(engine.adminUrl(), engine.adminUser(), engine.adminPassword());
             Statement s = c.createStatement()) {
            for (String sql : engine.recreateSql()) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the bench database " + engine.db() + " on "
                    + engine.label() + " (start the services: bash .ci/services.sh start)", e);
        }
    }

    static void drop() {
        try (Connection c = DriverManager.getConnection(engine.adminUrl(), engine.adminUser(), engine.adminPassword());
             Statement s = c.createStatement()) {
            s.execute(engine.dropSql());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static JpaSettings jpaSettings() {
        return JpaSettings.forUrl(engine.url(), engine.user(), engine.password()).withMigrate(true)
                .withPoolSize(Bench.POOL).withGcInterval(Duration.ZERO);
    }

    /** Our durable tier as a Java SE application opens it: Narayana, an Agroal pool, EclipseLink. */
    static JpaStore openJpa() {
        return JpaStores.open(jpaSettings());
    }

    /**
     * A plain (non-XA) Agroal pool of the same size and isolation as our store's, with auto-commit
     * off, so that a local transaction costs its statements plus one COMMIT: the practical limit of
     * JDBC (no XA, no JTA enlistment, no ORM).
     */
    static AgroalDataSource plainPool() {
        return plainPool(Bench.POOL);
    }

    static AgroalDataSource plainPool(int size) {
        return plainPool(size, engine.driver(), false);
    }

    /** {@link #plainPool(int)} on another driver class (the statement probe's counting driver). */
    static AgroalDataSource plainPool(int size, Class<? extends java.sql.Driver> driver) {
        return plainPool(size, driver, false);
    }

    /**
     * A plain pool with auto-commit on: every statement is its own transaction, as Spring
     * Authorization Server runs its JDBC service (no transaction around its providers).
     */
    static AgroalDataSource autoCommitPool() {
        return autoCommitPool(Bench.POOL);
    }

    static AgroalDataSource autoCommitPool(int size) {
        return plainPool(size, engine.driver(), true);
    }

    private static AgroalDataSource plainPool(int size, Class<? extends java.sql.Driver> driver, boolean autoCommit) {
        AgroalDataSourceConfigurationSupplier cfg = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(size).minSize(0).initialSize(0)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .transactionIntegration(TransactionIntegration.none())
                        .connectionFactoryConfiguration(cf -> cf.connectionProviderClass(driver)
                                .jdbcUrl(engine.url())
                                .principal(new NamePrincipal(engine.user()))
                                .credential(new SimplePassword(engine.password()))
                                .jdbcTransactionIsolation(READ_COMMITTED)
                                .autoCommit(autoCommit)));
        try {
            return AgroalDataSource.from(cfg);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Spring Authorization Server's {@code oauth2-authorization-schema.sql}, read from its jar, with
     * two adaptations for MariaDB: {@code blob} columns become {@code text} (as the schema's own note
     * prescribes for PostgreSQL: MariaDB reports {@code blob} as LONGVARBINARY, and the service's
     * String parameters for it are then refused by the driver), and prefix indexes on the token
     * columns that {@code findByToken} queries (whole-column indexes on PostgreSQL). The shipped schema has no index there, which would
     * make every lookup a full scan; adding them is what a production deployment does and only
     * helps the peer.
     */
    static void createSpringSchema() {
        String sql;
        try (InputStream in = Db.class.getClassLoader().getResourceAsStream(
                "org/springframework/security/oauth2/server/authorization/oauth2-authorization-schema.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("Spring Authorization Server's schema is not on the class path", e);
        }
        sql = sql.replaceAll("(?s)/\\*.*?\\*/", "").replace(" blob ", " text ").trim();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        try (Connection c = DriverManager.getConnection(engine.url(), engine.user(), engine.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
            for (String col : new String[] {"state", "authorization_code_value", "access_token_value",
                "oidc_id_token_value", "refresh_token_value", "user_code_value", "device_code_value"}) {
                String prefix = col.equals("state") || engine.postgres() ? "" : "(64)";
                s.execute("CREATE INDEX oauth2_authorization_" + col + "_ix ON oauth2_authorization (" + col + prefix + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create Spring Authorization Server's schema", e);
        }
    }

    /**
     * A pool configured exactly as the store builds its own in Java SE (jpa-store-bundle's
     * {@code AgroalPool}: the JDBC driver, connections enlisted with Narayana as local one-phase
     * resources, auto-commit off, READ COMMITTED,      * unfinished work rolled back on return), for the
     * cases that must hold the pool themselves (one connection for the session counters; a timing
     * transaction manager). Keep the two in step.
     */
    static AgroalDataSource storePool(jakarta.transaction.TransactionManager tm,
            jakarta.transaction.TransactionSynchronizationRegistry tsr, int size)
            throws SQLException {
        return storePool(tm, tsr, size, engine.driver());
    }

    /** {@link #storePool(jakarta.transaction.TransactionManager, jakarta.transaction.TransactionSynchronizationRegistry, int)} on another driver class. */
    static AgroalDataSource storePool(jakarta.transaction.TransactionManager tm,
            jakarta.transaction.TransactionSynchronizationRegistry tsr, int size,
            Class<? extends java.sql.Driver> driver) throws SQLException {
        return storePool(tm, tsr, size, driver, engine.url(), engine.user(), engine.password());
    }

    /** {@link #storePool} on another engine's driver and URL (gc-sweep on PostgreSQL), as the bench user. */
    static AgroalDataSource storePool(jakarta.transaction.TransactionManager tm,
            jakarta.transaction.TransactionSynchronizationRegistry tsr, int size, Class<?> driver, String url)
            throws SQLException {
        return storePool(tm, tsr, size, driver, url, Bench.DB_USER, Bench.DB_PASSWORD);
    }

    private static AgroalDataSource storePool(jakarta.transaction.TransactionManager tm,
            jakarta.transaction.TransactionSynchronizationRegistry tsr, int size, Class<?> driver, String url,
            String user, String password) throws SQLException {
        AgroalDataSourceConfigurationSupplier cfg = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(size).minSize(0).initialSize(0)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .transactionIntegration(new io.agroal.narayana.NarayanaTransactionIntegration(tm, tsr))
                        .connectionFactoryConfiguration(cf -> {
                            cf.connectionProviderClass(driver)
                                    .jdbcUrl(url).autoCommit(false)
                                    .principal(new NamePrincipal(user))
                                    .credential(new SimplePassword(password))
                                    .jdbcTransactionIsolation(READ_COMMITTED);
                            return cf;
                        }));
        return AgroalDataSource.from(cfg, new io.agroal.api.AgroalDataSourceListener() {
            @Override
            public void beforeConnectionReturn(Connection connection) { // before the release: see the store's AgroalPool
                try {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                } catch (SQLException e) {
                    // validated before reuse
                }
            }
        });
    }

    static long count(String table) {
        try (Connection c = DriverManager.getConnection(engine.url(), engine.user(), engine.password());
             Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
