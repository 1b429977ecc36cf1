package org.oidcstore.store.jpa.internal.boot;

import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.persistence.transaction.JTA11TransactionController;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.jpa.internal.JpaMessages;

/**
 * EclipseLink's JTA controller in Java SE, where there is no JNDI: it hands EclipseLink the
 * transaction manager and synchronization registry registered by the bootstrap instead of looking
 * up {@code java:comp/TransactionManager}. Named as {@code eclipselink.target-server}, which makes
 * EclipseLink wrap it in a JTA-enabled {@code CustomServerPlatform} (a controller set any other
 * way was replaced by a JNDI-based default during the deploy).
 *
 * <p>EclipseLink instantiates the class by name, so the pair is handed over in a JVM-wide slot:
 * one transaction manager per JVM, as Narayana itself is a JVM-wide singleton. Opening a second
 * store on a different transaction manager while one is registered is refused.
 */
public final class SeTransactionController extends JTA11TransactionController {

    private static volatile TransactionManager registeredTm;
    private static volatile TransactionSynchronizationRegistry registeredTsr;

    public SeTransactionController() {
        super();
    }

    static synchronized void register(TransactionManager tm, TransactionSynchronizationRegistry tsr) {
        if (registeredTm != null && (registeredTm != tm || registeredTsr != tsr)) {
            throw new StoreConfigurationException(JpaMessages.OTHER_TRANSACTION_MANAGER
                    + " another JPA store of this JVM runs on a different"
                    + " transaction manager; Java SE supports one transaction manager per JVM");
        }
        registeredTm = tm;
        registeredTsr = tsr;
    }

    @Override
    protected TransactionManager acquireTransactionManager() {
        return registeredTm;
    }

    @Override
    protected TransactionSynchronizationRegistry acquireTransactionSynchronizationRegistry() {
        return registeredTsr;
    }
}
