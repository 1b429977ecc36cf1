package org.oidcstore.store.jpa;

import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.jpa.internal.boot.JpaBootstrap;

/**
 * Programmatic entry point for Java SE and OSGi users (CDI users inject the {@code @Durable} beans
 * instead). Opening connects: it runs the migrations when {@link JpaSettings#migrate()} is set,
 * deploys the persistence unit and schedules the GC.
 *
 * <pre>{@code
 * try (JpaStore store = JpaStores.open(JpaSettings.forUrl(url, user, password).withMigrate(true))) {
 *     store.inTransaction(() -> { ...cluster writes... });
 * }
 * }</pre>
 */
public final class JpaStores {
    private JpaStores() {
    }

    /** Opens a store on the system UTC clock; see {@link #open(JpaSettings, Clock)}. */
    public static JpaStore open(JpaSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /**
     * Opens a store from settings: in Java SE ({@code url}) under Narayana with a pooled, JTA-enlisted
     * Agroal data source the store owns; in a container ({@code dataSource}) on the server's JTA data
     * source and transaction manager.
     *
     * @throws StoreConfigurationException listing every problem of the settings
     * @throws StoreUnavailableException when the database cannot be reached
     */
    public static JpaStore open(JpaSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        return JpaBootstrap.open(settings, clock, null, null, null);
    }

    /**
     * Opens a store configured as a deployment configures it: every {@code oidc.store.jpa.*} key and
     * the shared keys ({@code oidc.store.secret-pepper}, {@code oidc.store.jwt-id-clock-skew},
     * {@code oidc.store.gc.interval}) read by {@link JpaSettings#fromConfig}.
     *
     * @throws StoreConfigurationException naming every problem of the configuration
     * @throws StoreUnavailableException when the database cannot be reached
     */
    public static JpaStore fromConfig(Config config, Clock clock) {
        Objects.requireNonNull(config, "config");
        return open(JpaSettings.fromConfig(config), clock);
    }

    /**
     * Opens a store on a data source and transaction manager the caller owns (and closes): the data
     * source must enlist its connections in transactions of {@code transactionManager} and hand out
     * the same connection within one transaction. The URL and pool settings are then unused.
     */
    public static JpaStore open(JpaSettings settings, Clock clock, DataSource jtaDataSource,
            TransactionManager transactionManager, TransactionSynchronizationRegistry synchronizationRegistry) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(jtaDataSource, "jtaDataSource");
        return JpaBootstrap.open(settings, clock, jtaDataSource, transactionManager, synchronizationRegistry);
    }
}
