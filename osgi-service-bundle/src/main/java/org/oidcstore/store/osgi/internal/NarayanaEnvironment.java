package org.oidcstore.store.osgi.internal;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.coordinator.TransactionReaper;
import com.arjuna.ats.arjuna.coordinator.TxControl;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.oidcstore.store.StoreConfigurationException;

/**
 * Narayana's JVM-wide state for the JPA stores this bundle opens. Before the first store opens,
 * it sets the object-store directory and the node identifier (Narayana reads them once, when its
 * stores and first transaction are created) and turns off the transaction status manager. When the
 * last store closes, it stops the transaction reaper's two threads and drops the object stores, so
 * that neither a configuration update nor an uninstall leaves a thread of the store running; the
 * next store starts them again lazily (with the settings of its own configuration).
 *
 * <p>The transaction status manager is a TCP listener (thread {@code Listener:<port>}) plus a JVM
 * shutdown hook that Narayana starts with its first transaction and never stops; it answers a
 * recovery manager of another process about in-flight two-phase transactions. The store runs no
 * recovery manager and commits one local resource in one phase, so it has nothing to answer; left
 * on, it outlived every uninstall of the features (found by the Karaf test).
 */
final class NarayanaEnvironment {
    /** The named object-store environments Narayana creates (the default one has no name). */
    private static final String[] STORES = {null, "default", "stateStore", "communicationStore"};
    private static int open;

    private NarayanaEnvironment() {
    }

    static synchronized void acquire(Path objectStoreDir, String nodeIdentifier) {
        if (open == 0) {
            configure(objectStoreDir, nodeIdentifier);
        }
        open++;
    }

    static synchronized void release() {
        if (open == 0) {
            return;
        }
        if (--open == 0) {
            // waitForTransactions=false: no transaction of ours is running once the stores are closed
            TransactionReaper.terminate(false);
            StoreManager.shutdown();
        }
    }

    /** How many stores of this bundle hold Narayana (for tests). */
    static synchronized int holders() {
        return open;
    }

    private static void configure(Path dir, String nodeIdentifier) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new StoreConfigurationException(OsgiMessages.OBJECT_STORE_NOT_WRITABLE + " Narayana's object-store directory ("
                    + OsgiKeys.OBJECT_STORE_KEY + ") cannot be created (" + e.getClass().getSimpleName()
                    + "). Fix: point it at a writable directory.", e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreConfigurationException(OsgiMessages.OBJECT_STORE_NOT_WRITABLE + " Narayana's object-store directory ("
                    + OsgiKeys.OBJECT_STORE_KEY + ") is not writable. Fix: point it at a writable directory.");
        }
        // read once, when Narayana's TxControl is first loaded: must precede the first transaction
        arjPropertyManager.getCoordinatorEnvironmentBean().setTransactionStatusManagerEnable(false);
        try {
            arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(nodeIdentifier);
            // TxControl copies the identifier when it is first loaded; a later configuration sets it here
            TxControl.setXANodeName(nodeIdentifier);
        } catch (CoreEnvironmentBeanException | IllegalArgumentException e) {
            throw new StoreConfigurationException(OsgiMessages.BAD_NODE_IDENTIFIER + " Narayana refused " + OsgiKeys.NODE_ID_KEY
                    + ". Fix: set it to at most " + OsgiKeys.MAX_NODE_ID_BYTES + " characters of [A-Za-z0-9._-].", e);
        }
        for (String name : STORES) {
            ObjectStoreEnvironmentBean bean = name == null
                    ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name);
            bean.setObjectStoreDir(dir.toString());
        }
    }
}
