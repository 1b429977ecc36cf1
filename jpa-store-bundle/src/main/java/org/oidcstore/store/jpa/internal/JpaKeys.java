package org.oidcstore.store.jpa.internal;

import org.oidcstore.store.spi.StoreSettings;

/**
 * The configuration keys of the durable tier, spelled once: {@code JpaSettings} publishes them as
 * its {@code KEY_*} constants, and the internal classes that name a key in a message (the
 * required-classes check) read them here, so that nothing internal imports the public settings it
 * is called from. The keys every tier shares are {@link StoreSettings}'s.
 */
public final class JpaKeys {
    public static final String DATASOURCE = "oidc.store.jpa.datasource";
    public static final String URL = "oidc.store.jpa.url";
    public static final String USER = "oidc.store.jpa.user";
    public static final String PASSWORD = "oidc.store.jpa.password";
    public static final String POOL_SIZE = "oidc.store.jpa.pool-size";
    public static final String ACQUISITION_TIMEOUT = "oidc.store.jpa.acquisition-timeout";
    public static final String MIGRATE = "oidc.store.jpa.migrate";
    public static final String TARGET_SERVER = "oidc.store.jpa.target-server";
    public static final String GC_BATCH_SIZE = "oidc.store.jpa.gc.batch-size";
    public static final String GC_INTERVAL = StoreSettings.GC_INTERVAL_KEY;

    private JpaKeys() {
    }
}
