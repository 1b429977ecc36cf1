package org.oidcstore.store.jpa.internal.boot;

import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.eclipse.persistence.sessions.ExternalTransactionController;
import org.eclipse.persistence.transaction.JTA11TransactionController;
import org.eclipse.persistence.transaction.JTATransactionController;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreException;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.internal.JpaMessages;
import org.oidcstore.store.jpa.internal.JpaOidcStore;
import org.oidcstore.store.jpa.internal.gc.GcScheduler;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.JpaExceptions;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;

/**
 * Opens the durable tier: JTA environment, data source, dialect, migrations, persistence unit,
 * stores, GC schedule. Anything opened here is closed again if a later step fails.
 *
 * <p>The order matters: the caller's transaction (a lazy CDI bean is often first used inside a
 * {@code @Transactional} method) is suspended while the migrations and the deploy of the entity
 * manager factory run, because DDL and EclipseLink's login must not be enlisted in it; the deploy
 * is forced by creating and closing an entity manager right away.
 */
public final class JpaBootstrap {
    /** Persistence units deployed by this class, numbering their EclipseLink session names. */
    private static final AtomicLong UNITS = new AtomicLong();
    /** Where containers publish their transaction manager (not standardized), tried in order. */
    private static final List<String> CONTAINER_TM_NAMES = List.of("java:comp/TransactionManager",
            "java:jboss/TransactionManager", "java:appserver/TransactionManager", "java:/TransactionManager");

    private JpaBootstrap() {
    }

    /**
     * @param suppliedDs a JTA-enlisting data source the caller owns, or {@code null}
     * @param suppliedTm the transaction manager {@code suppliedDs} enlists with, or {@code null}
     * @param suppliedTsr its synchronization registry, or {@code null}
     */
    public static JpaOidcStore open(JpaSettings settings, Clock clock, DataSource suppliedDs,
            TransactionManager suppliedTm, TransactionSynchronizationRegistry suppliedTsr) {
        List<String> problems = settings.problems().stream()
                .filter(p -> suppliedDs == null || !p.startsWith(JpaMessages.NO_DATABASE)).toList();
        if (!problems.isEmpty()) {
            throw new StoreConfigurationException(problems.size() + " problem(s) in the JPA store configuration:\n"
                    + String.join("\n", problems));
        }
        if (suppliedDs != null && (suppliedTm == null || suppliedTsr == null)) {
            throw new IllegalArgumentException("a supplied data source needs the transaction manager and"
                    + " synchronization registry it enlists with");
        }
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return open(settings, clock, suppliedDs, suppliedTm, suppliedTsr, opened);
        } catch (RuntimeException | Error e) {
            closeAll(opened, e);
            if (e instanceof RuntimeException r) {
                throw JpaExceptions.translate("store", "open", r);
            }
            throw e;
        }
    }

    private static JpaOidcStore open(JpaSettings settings, Clock clock, DataSource suppliedDs,
            TransactionManager suppliedTm, TransactionSynchronizationRegistry suppliedTsr, Deque<AutoCloseable> opened) {
        boolean container = suppliedDs == null && settings.containerManaged();
        TransactionManager tm;
        TransactionSynchronizationRegistry tsr = null;
        DataSource ds;
        if (suppliedDs != null) {
            tm = suppliedTm;
            tsr = suppliedTsr;
            ds = suppliedDs;
        } else if (container) {
            tm = containerTransactionManager();
            ds = lookupDataSource(settings.dataSource());
        } else {
            tm = Narayana.transactionManager();
            tsr = Narayana.synchronizationRegistry();
            ConnectionFailureDataSource pool = AgroalPool.open(settings, tm, tsr);
            opened.push(pool);
            ds = pool;
        }
        Transaction suspended = suspend(tm);
        try {
            String product = productName(ds);
            Dialect dialect = Dialect.fromProductName(product).orElseThrow(() -> new StoreConfigurationException(
                    JpaMessages.UNSUPPORTED_DATABASE + " database '" + product
                            + "' is not supported; use H2, MariaDB/MySQL or PostgreSQL"));
            if (settings.migrate()) {
                if (suppliedDs == null && !container) {
                    Migrations.migrate(dialect, product,
                            c -> c.dataSource(settings.url(), settings.user(), settings.password()));
                } else {
                    Migrations.migrate(dialect, product, c -> c.dataSource(ds));
                }
            }
            SchemaCheck.requireCurrent(ds, dialect, product);
            CausalReadsCheck.require(ds, dialect);
            String sessionName = "oidc-store-" + UNITS.incrementAndGet() + "-" + dialect.name().toLowerCase(Locale.ROOT);
            Map<String, Object> properties = properties(dialect, sessionName, ds);
            if (container) {
                if (settings.targetServer() != null) {
                    properties.put(PersistenceUnitProperties.TARGET_SERVER, settings.targetServer());
                }
            } else {
                SeTransactionController.register(tm, tsr);
                properties.put(PersistenceUnitProperties.TARGET_SERVER, SeTransactionController.class.getName());
            }
            EntityManagerFactory emf = new PersistenceProvider().createContainerEntityManagerFactory(
                    new PersistenceUnit(ds), properties);
            opened.push(emf::close);
            emf.createEntityManager().close();
            ExternalTransactionController etc = emf.unwrap(JpaEntityManagerFactory.class).getServerSession()
                    .getExternalTransactionController();
            if (!(etc instanceof JTATransactionController jta) || jta.getTransactionManager() == null) {
                // without a controller EclipseLink silently ignores JTA transactions
                throw new StoreConfigurationException(JpaMessages.NO_JTA_CONTROLLER
                        + " EclipseLink has no JTA transaction controller, so"
                        + " the store would not join transactions; set " + JpaSettings.KEY_TARGET_SERVER
                        + " to your server's EclipseLink platform (e.g. WildFly, JBoss, Glassfish, WebLogic)");
            }
            if (tm == null) {
                tm = jta.getTransactionManager();
            }
            if (tsr == null) {
                tsr = containerSynchronizationRegistry(jta);
            }
            TxRunner tx = new TxRunner(emf, tm, tsr, ds);
            StoreContext ctx = new StoreContext(dialect, clock, settings.storeSettings());
            Deque<AutoCloseable> resources = new ArrayDeque<>(opened);
            JpaOidcStore store = new JpaOidcStore(tx, ctx, settings.gcBatchSize(), settings.unsafeSettings(),
                    () -> closeAll(resources, null));
            AutoCloseable schedule = GcScheduler.start(store.gc(), settings.gcInterval());
            resources.push(schedule);
            opened.push(schedule);
            return store;
        } finally {
            resume(tm, suspended);
        }
    }

    private static Map<String, Object> properties(Dialect dialect, String sessionName, DataSource ds) {
        Map<String, Object> p = new HashMap<>();
        p.put(PersistenceUnitProperties.JTA_DATASOURCE, ds);
        p.put(PersistenceUnitProperties.TARGET_DATABASE, dialect.platformClass());
        p.put(PersistenceUnitProperties.SESSION_NAME, sessionName);
        p.put(PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.NONE);
        p.put(PersistenceUnitProperties.WEAVING, "false");
        p.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
        p.put(PersistenceUnitProperties.LOGGING_LOGGER, "JavaLogger");
        p.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        // bind values never appear in logs or exception messages
        p.put(PersistenceUnitProperties.LOGGING_PARAMETERS, "false");
        // every failure is translated and thrown to the caller; logging it here too is noise
        p.put(PersistenceUnitProperties.LOGGING_EXCEPTIONS, "false");
        p.put(PersistenceUnitProperties.JDBC_BIND_PARAMETERS, "true");
        p.put(PersistenceUnitProperties.CLASSLOADER, JpaBootstrap.class.getClassLoader());
        p.put(PersistenceUnitProperties.SESSION_CUSTOMIZER, NoRetryCustomizer.class.getName());
        return p;
    }

    /** The database product behind {@code ds}, read outside any transaction (the caller's is suspended). */
    private static String productName(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw JpaExceptions.translate("store", "open", e);
        }
    }

    private static DataSource lookupDataSource(String jndiName) {
        try {
            Object o = new InitialContext().lookup(jndiName);
            if (o instanceof DataSource ds) {
                return ds;
            }
            throw new StoreConfigurationException(JpaMessages.DATASOURCE_NOT_BOUND + " " + JpaSettings.KEY_DATASOURCE
                    + " '" + jndiName
                    + "' is not a javax.sql.DataSource");
        } catch (NamingException e) {
            throw new StoreConfigurationException(JpaMessages.DATASOURCE_NOT_BOUND + " the JTA data source '"
                    + jndiName + "' ("
                    + JpaSettings.KEY_DATASOURCE + ") is not bound in JNDI; define it in the server", e);
        }
    }

    private static TransactionManager containerTransactionManager() {
        for (String name : CONTAINER_TM_NAMES) {
            try {
                Object o = new InitialContext().lookup(name);
                if (o instanceof TransactionManager tm) {
                    return tm;
                }
            } catch (NamingException | RuntimeException e) {
                // not this container's name
            }
        }
        return null; // taken from EclipseLink's controller after the deploy
    }

    /**
     * The container's synchronization registry: EclipseLink's controller's when it has one, else
     * the standard JNDI name; {@code null} when neither (the stores then skip the optimizations
     * that need transaction-scoped state, see {@link TxRunner#txResource}).
     */
    private static TransactionSynchronizationRegistry containerSynchronizationRegistry(JTATransactionController jta) {
        if (jta instanceof JTA11TransactionController jta11) {
            try {
                TransactionSynchronizationRegistry r = jta11.getTransactionSynchronizationRegistry();
                if (r != null) {
                    return r;
                }
            } catch (RuntimeException e) {
                // fall back to JNDI
            }
        }
        try {
            Object o = new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
            return o instanceof TransactionSynchronizationRegistry r ? r : null;
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }

    private static Transaction suspend(TransactionManager tm) {
        if (tm == null) {
            return null;
        }
        try {
            return tm.getStatus() == Status.STATUS_NO_TRANSACTION ? null : tm.suspend();
        } catch (Exception e) {
            throw new StoreException("jpa store.open: could not suspend the caller's transaction", e);
        }
    }

    private static void resume(TransactionManager tm, Transaction suspended) {
        if (suspended != null) {
            try {
                tm.resume(suspended);
            } catch (Exception e) {
                throw new StoreException("jpa store.open: could not resume the caller's transaction", e);
            }
        }
    }

    private static void closeAll(Deque<AutoCloseable> resources, Throwable failure) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    System.getLogger(JpaBootstrap.class.getName()).log(System.Logger.Level.WARNING,
                            "closing a JPA store resource failed", e);
                }
            }
        }
    }
}
