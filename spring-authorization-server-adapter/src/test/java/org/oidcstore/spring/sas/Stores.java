package org.oidcstore.spring.sas;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.jpa.JpaStore;
import org.oidcstore.store.jpa.JpaStores;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tier.StoreTier;

/**
 * The composite the adapter runs over in tests, built as a Java SE application builds it: JPA on
 * an H2 database (migrated once per JVM) as the durable tier, a fresh memory tier per composite,
 * one pepper for both.
 */
final class Stores {
    static final String PEPPER = "c2FzLWFkYXB0ZXItdGVzdC1wZXBwZXItMDEyMzQ1Njc4OWFiY2RlZg==";
    static final String H2_URL = "jdbc:h2:mem:sas-adapter;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000";
    private static JpaStore durable;

    private Stores() {
    }

    static synchronized JpaStore durable() {
        if (durable == null) {
            durable = JpaStores.open(JpaSettings.forUrl(H2_URL, "sa", "").withMigrate(true)
                    .withGcInterval(Duration.ZERO).withSecretPepper(PEPPER), Clock.systemUTC());
            JpaStore toClose = durable;
            Runtime.getRuntime().addShutdownHook(new Thread(toClose::close));
        }
        return durable;
    }

    /** A composite over the shared H2 tier and a new memory tier. */
    static OidcStore composite() {
        return compositeSharing(MemoryStores.open(MemorySettings.defaults(), Clock.systemUTC(),
                SecretDigest.fromConfig(Optional.of(PEPPER))));
    }

    /** A composite over the shared H2 tier and the given volatile tier (a second provider node). */
    static OidcStore compositeSharing(OidcStore volatileTier) {
        return CompositeStores.builder().withTier(StoreTier.DURABLE, durable())
                .withTier(StoreTier.VOLATILE, volatileTier)
                .config(Map.of(StoreSettings.SECRET_PEPPER_KEY, PEPPER)).build();
    }
}
