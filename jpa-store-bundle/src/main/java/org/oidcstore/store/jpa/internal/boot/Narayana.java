package org.oidcstore.store.jpa.internal.boot;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.file.Path;

/**
 * Narayana as the Java SE transaction manager (JVM-wide singletons). Loaded only when the store
 * runs on a JDBC URL; in a container the server's transaction manager is used.
 */
final class Narayana {
    private static final String STORE_DIR_PROPERTY = "ObjectStoreEnvironmentBean.objectStoreDir";
    private static final String STORE_DIR_PROPERTY_LEGACY = "com.arjuna.ats.arjuna.objectstore.objectStoreDir";

    private Narayana() {
    }

    static TransactionManager transactionManager() {
        configureObjectStore();
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    static TransactionSynchronizationRegistry synchronizationRegistry() {
        configureObjectStore();
        return jtaPropertyManager.getJTAEnvironmentBean().getTransactionSynchronizationRegistry();
    }

    /**
     * Without an explicit directory Narayana writes its object stores, including the
     * "communicationStore", into {@code ./ObjectStore} of whatever the working directory is.
     * Unless the application configured one, keep them under the temp dir.
     * Must run before Narayana's first use; later it is a no-op for stores already created.
     */
    private static synchronized void configureObjectStore() {
        if (System.getProperty(STORE_DIR_PROPERTY) != null || System.getProperty(STORE_DIR_PROPERTY_LEGACY) != null) {
            return;
        }
        String dir = Path.of(System.getProperty("java.io.tmpdir"), "oidc-store-narayana").toString();
        for (String name : new String[] {null, "default", "stateStore", "communicationStore"}) {
            ObjectStoreEnvironmentBean bean = name == null
                    ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name);
            if (bean.getObjectStoreDir() == null || bean.getObjectStoreDir().endsWith("ObjectStore")) {
                bean.setObjectStoreDir(dir);
            }
        }
    }
}
