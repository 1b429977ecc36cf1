package org.oidcstore.store.jpa.internal.boot;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceListener;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration.TransactionIsolation;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.internal.JpaMessages;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.JpaExceptions;

/**
 * The Java SE pool: Agroal over the vendor's JDBC driver, enlisting every connection taken inside
 * a transaction with the transaction manager; within one transaction every
 * {@code getConnection()} returns that transaction's connection, so EclipseLink and the few
 * statements the stores run over plain JDBC share it.
 *
 * <p><b>One-phase, without XA.</b> The database is the only resource of the store's transactions,
 * so each connection is enlisted as a local resource (Agroal's {@code LocalXAResource}, a Narayana
 * last resource) and committed with a plain {@code COMMIT}: an XA branch would add
 * {@code XA START} / {@code XA END} round trips to every transaction for a two-phase commit that
 * never happens (measured by {@code bench/}: 24 statements per provider flow instead of about 12).
 * Connections are created with auto-commit off, so enlisting does not toggle it either; a
 * connection returned with unfinished work outside a JTA transaction is rolled back by
 * {@link #ROLLBACK_UNFINISHED} (drivers skip the round trip when nothing is open). An application
 * that needs two-phase commit with another XA resource passes its own XA data source and
 * transaction manager to {@code JpaStores.open(settings, clock, dataSource, tm, tsr)}.
 *
 * <p>Isolation is READ COMMITTED on every engine: PostgreSQL's and H2's default, and on MariaDB it
 * removes the gap locks of REPEATABLE READ, with which concurrent "update, else insert" sequences
 * (JWT-ID marks, chain revocations racing rotations) deadlock instead of deciding a winner.
 */
final class AgroalPool {
    private AgroalPool() {
    }

    /**
     * Rolls back what a connection left open outside a JTA transaction before it is reused. It
     * must run <em>before</em> the pool releases the connection: Agroal fires
     * {@code onConnectionReturn} after the release, when a thread waiting for a connection may
     * already hold this one in its own transaction, and a rollback there silently undid that
     * transaction's statements (lost writes whenever callers outnumbered the pool;
     * {@code PoolSaturationTest}).
     */
    static final AgroalDataSourceListener ROLLBACK_UNFINISHED = new AgroalDataSourceListener() {
        @Override
        public void beforeConnectionReturn(Connection connection) {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                // the pool validates the connection before its next use and drops a broken one
            }
        }
    };

    static ConnectionFailureDataSource open(JpaSettings s, TransactionManager tm, TransactionSynchronizationRegistry tsr) {
        Class<?> driver = driverClass(Dialect.driver(s.url()));
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(s.poolSize())
                        .minSize(0)
                        .initialSize(0)
                        .acquisitionTimeout(s.acquisitionTimeout())
                        .validationTimeout(Duration.ofSeconds(30))
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .exceptionSorter(e -> e.getSQLState() != null && e.getSQLState().startsWith("08"))
                        .transactionIntegration(new NarayanaTransactionIntegration(tm, tsr))
                        .connectionFactoryConfiguration(cf -> {
                            cf.connectionProviderClass(driver)
                                    .jdbcUrl(s.url())
                                    .autoCommit(false)
                                    .jdbcTransactionIsolation(TransactionIsolation.READ_COMMITTED)
                                    .loginTimeout(s.acquisitionTimeout());
                            if (s.user() != null) {
                                cf.principal(new NamePrincipal(s.user()));
                            }
                            if (s.password() != null) {
                                cf.credential(new SimplePassword(s.password()));
                            }
                            return cf;
                        }));
        try {
            AgroalDataSource pool = AgroalDataSource.from(config, ROLLBACK_UNFINISHED);
            return new ConnectionFailureDataSource(pool, pool::close);
        } catch (SQLException e) {
            throw JpaExceptions.translate("store", "open", e);
        }
    }

    /** The driver class, from the application's class loader first (drivers are the user's). */
    private static Class<?> driverClass(String name) {
        for (ClassLoader cl : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                AgroalPool.class.getClassLoader()}) {
            if (cl == null) {
                continue;
            }
            try {
                return Class.forName(name, false, cl);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        throw new StoreConfigurationException(JpaMessages.NO_DRIVER + " the JDBC driver for " + JpaSettings.KEY_URL
                + " is not on the class path (" + name + " not found); add the driver jar");
    }
}
