package org.oidcstore.store.jpa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.jpa.internal.JpaKeys;
import org.oidcstore.store.jpa.internal.boot.ConfigValues;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;

/**
 * Settings of the durable tier. Exactly one of {@code dataSource} (a container's JTA data source,
 * by JNDI name) and {@code url} (Java SE: Narayana plus a pooled, JTA-enlisted data source) must
 * be set. Built from MicroProfile Config by {@link #fromConfig}, or programmatically with
 * {@link #forUrl} / {@link #forDataSource} and the {@code with*} methods; {@link #validate()}
 * reports every problem at once. {@link #toString()} never shows the password or the pepper.
 *
 * @param dataSource JNDI name of the container's JTA data source ({@value #KEY_DATASOURCE}), or {@code null}
 * @param url JDBC URL for Java SE ({@value #KEY_URL}), or {@code null}
 * @param user database user for {@code url}, or {@code null}
 * @param password database password for {@code url}, or {@code null}
 * @param poolSize maximum connections of the Java SE pool
 * @param acquisitionTimeout how long a caller waits for a pooled connection before the store
 *     reports itself unavailable
 * @param migrate whether to run the schema migrations at start
 * @param targetServer EclipseLink server platform in a container (e.g. {@code WildFly},
 *     {@code Glassfish}, or a class name), or {@code null}
 * @param gcBatchSize rows deleted per GC transaction
 * @param gcInterval period of the expired-record sweep; {@link Duration#ZERO} disables it
 * @param secretPepper base64 HMAC key(s) for the digests of bearer secrets, newest first and
 *     comma-separated ({@value StoreSettings#SECRET_PEPPER_KEY}), or {@code null}
 * @param jwtIdClockSkew how long past its expiry a JWT-ID marker is kept before the GC may delete
 *     it ({@value StoreSettings#JWT_ID_CLOCK_SKEW_KEY})
 * @param devModeAllowUnpepperedDigests whether the operator acknowledged digests without a pepper
 *     ({@value StoreSettings#DEV_MODE_ALLOW_UNPEPPERED_KEY}); development only
 */
public record JpaSettings(
        String dataSource,
        String url,
        String user,
        String password,
        int poolSize,
        Duration acquisitionTimeout,
        boolean migrate,
        String targetServer,
        int gcBatchSize,
        Duration gcInterval,
        String secretPepper,
        Duration jwtIdClockSkew,
        boolean devModeAllowUnpepperedDigests) {

    public static final String KEY_DATASOURCE = JpaKeys.DATASOURCE;
    public static final String KEY_URL = JpaKeys.URL;
    public static final String KEY_USER = JpaKeys.USER;
    public static final String KEY_PASSWORD = JpaKeys.PASSWORD;
    public static final String KEY_POOL_SIZE = JpaKeys.POOL_SIZE;
    public static final String KEY_ACQUISITION_TIMEOUT = JpaKeys.ACQUISITION_TIMEOUT;
    public static final String KEY_MIGRATE = JpaKeys.MIGRATE;
    public static final String KEY_TARGET_SERVER = JpaKeys.TARGET_SERVER;
    public static final String KEY_GC_BATCH_SIZE = JpaKeys.GC_BATCH_SIZE;
    /** Shared: {@link StoreSettings#GC_INTERVAL_KEY}. */
    public static final String KEY_GC_INTERVAL = StoreSettings.GC_INTERVAL_KEY;
    /** Shared by every tier: {@link StoreSettings#SECRET_PEPPER_KEY}. */
    public static final String KEY_SECRET_PEPPER = StoreSettings.SECRET_PEPPER_KEY;

    /** The TCK races 16 threads, each holding a connection for its transaction. */
    public static final int DEFAULT_POOL_SIZE = 20;
    public static final Duration DEFAULT_ACQUISITION_TIMEOUT = Duration.ofSeconds(10);
    public static final boolean DEFAULT_MIGRATE = false;
    /** Small enough that a batch's row locks are held for milliseconds. */
    public static final int DEFAULT_GC_BATCH_SIZE = 2_000;
    public static final int MAX_GC_BATCH_SIZE = 100_000;
    public static final Duration DEFAULT_GC_INTERVAL = Duration.ofMinutes(5);

    /** JDBC URL prefixes of the supported engines. */
    public static final List<String> SUPPORTED_URL_PREFIXES =
            List.of("jdbc:h2:", "jdbc:mariadb:", "jdbc:mysql:", "jdbc:postgresql:");

    /** Java SE settings with every default: {@code builder().url(url).user(user).password(password).build()}. */
    public static JpaSettings forUrl(String url, String user, String password) {
        return builder().url(url).user(user).password(password).build();
    }

    /** Container settings with every default: the JTA data source by JNDI name. */
    public static JpaSettings forDataSource(String jndiName, String targetServer) {
        return builder().dataSource(jndiName).targetServer(targetServer).build();
    }

    /** Settings with every default and no database; set {@code url} or {@code dataSource}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataSource = dataSource;
        b.url = url;
        b.user = user;
        b.password = password;
        b.poolSize = poolSize;
        b.acquisitionTimeout = acquisitionTimeout;
        b.migrate = migrate;
        b.targetServer = targetServer;
        b.gcBatchSize = gcBatchSize;
        b.gcInterval = gcInterval;
        b.secretPepper = secretPepper;
        b.jwtIdClockSkew = jwtIdClockSkew;
        b.devModeAllowUnpepperedDigests = devModeAllowUnpepperedDigests;
        return b;
    }

    public JpaSettings withPoolSize(int v) {
        return toBuilder().poolSize(v).build();
    }

    public JpaSettings withAcquisitionTimeout(Duration v) {
        return toBuilder().acquisitionTimeout(v).build();
    }

    public JpaSettings withMigrate(boolean v) {
        return toBuilder().migrate(v).build();
    }

    public JpaSettings withGcBatchSize(int v) {
        return toBuilder().gcBatchSize(v).build();
    }

    public JpaSettings withGcInterval(Duration v) {
        return toBuilder().gcInterval(v).build();
    }

    public JpaSettings withSecretPepper(String base64) {
        return toBuilder().secretPepper(base64).build();
    }

    public JpaSettings withJwtIdClockSkew(Duration v) {
        return toBuilder().jwtIdClockSkew(v).build();
    }

    /** Development only: accepts digests without a pepper (reported by {@link #unsafeSettings()} otherwise). */
    public JpaSettings withDevModeAllowUnpepperedDigests(boolean v) {
        return toBuilder().devModeAllowUnpepperedDigests(v).build();
    }

    /**
     * Reads every key of the tier from MicroProfile Config and validates the result.
     *
     * @throws StoreConfigurationException listing every problem (unparsable values included), one
     *     per line, each starting with its message id
     */
    public static JpaSettings fromConfig(Config config) {
        List<String> problems = new ArrayList<>();
        JpaSettings s = JpaSettingsRules.parse(key -> config.getOptionalValue(key, String.class), problems);
        problems.addAll(s.problems());
        throwIfAny(problems.stream().distinct().toList());
        return s;
    }

    /**
     * Every problem of the tier's configuration, for deployment validation: pure, no connection,
     * nothing opened. The settings' own problems (as {@link #fromConfig} reports them, unparsable
     * values included), and the classes the configured mode needs that cannot be loaded (by the
     * thread's context class loader or this bundle's): EclipseLink (OIDCS-1310); in Java SE mode
     * the JDBC driver of the URL (OIDCS-1224), Narayana and Agroal (OIDCS-1311); with
     * {@value #KEY_MIGRATE}, Flyway (OIDCS-1312). The shared settings' problems (OIDCS-1010 …
     * 1014) are those of {@link StoreSettings#problems}, word for word. No message quotes a
     * password or the pepper.
     *
     * @param config looks a key up (MicroProfile Config semantics: empty when unset)
     * @return the problems, one line each starting with its message id; empty when deployable
     */
    public static List<String> problems(Function<String, Optional<String>> config) {
        return problems(config, Thread.currentThread().getContextClassLoader(), JpaSettings.class.getClassLoader());
    }

    /** {@link #problems(Function)}, the classes looked up with {@code loaders} only. */
    static List<String> problems(Function<String, Optional<String>> config, ClassLoader... loaders) {
        return JpaSettingsRules.problems(config, loaders);
    }

    /**
     * Checks these settings.
     *
     * @return {@code this}
     * @throws StoreConfigurationException listing every problem, one per line
     */
    public JpaSettings validate() {
        throwIfAny(problems());
        return this;
    }

    /** Every problem of these settings, each line starting with its message id; empty when valid. */
    public List<String> problems() {
        return JpaSettingsRules.problems(this);
    }

    /** The digest of bearer secrets these settings configure. */
    public SecretDigest secretDigest() {
        return SecretDigest.fromConfig(Optional.ofNullable(secretPepper));
    }

    /** The settings every tier shares (pepper, JWT-ID clock skew), as these settings give them. */
    public StoreSettings storeSettings() {
        return new StoreSettings(secretDigest(), jwtIdClockSkew);
    }

    /**
     * The unsafe, unacknowledged settings: no pepper without
     * {@link #withDevModeAllowUnpepperedDigests}, in the words of
     * {@link StoreSettings#unsafeSettings} (the composite reports that sentence once, as OIDCS-2061).
     */
    public List<String> unsafeSettings() {
        return StoreSettings.unsafeSettings(shared());
    }

    /** The shared keys as these settings hold them, so that {@link StoreSettings} judges them. */
    Function<String, Optional<String>> shared() {
        return key -> switch (key) {
            case StoreSettings.SECRET_PEPPER_KEY -> Optional.ofNullable(secretPepper);
            // null is no duration: reported as OIDCS-1013
            case StoreSettings.JWT_ID_CLOCK_SKEW_KEY -> Optional.of(String.valueOf(jwtIdClockSkew));
            case StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY ->
                    Optional.of(String.valueOf(devModeAllowUnpepperedDigests));
            default -> Optional.empty();
        };
    }

    /** Whether the store runs on a container's data source (else Java SE with its own pool). */
    public boolean containerManaged() {
        return ConfigValues.present(dataSource);
    }

    @Override
    public String toString() {
        return "JpaSettings[dataSource=" + dataSource + ", url="
                + (url == null ? null : ConfigValues.scheme(url) + ":...")
                + ", user=" + user + ", password=" + (password == null ? null : "<redacted>") + ", poolSize="
                + poolSize + ", acquisitionTimeout=" + acquisitionTimeout + ", migrate=" + migrate
                + ", targetServer=" + targetServer + ", gcBatchSize=" + gcBatchSize + ", gcInterval=" + gcInterval
                + ", secretPepper=" + (secretPepper == null ? null : "<redacted>") + ", jwtIdClockSkew="
                + jwtIdClockSkew + ", devModeAllowUnpepperedDigests=" + devModeAllowUnpepperedDigests + "]";
    }

    /** Builder of {@link JpaSettings}; defaults are the {@code DEFAULT_*} constants. Not validated: see {@link #validate()}. */
    public static final class Builder {
        private String dataSource;
        private String url;
        private String user;
        private String password;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Duration acquisitionTimeout = DEFAULT_ACQUISITION_TIMEOUT;
        private boolean migrate = DEFAULT_MIGRATE;
        private String targetServer;
        private int gcBatchSize = DEFAULT_GC_BATCH_SIZE;
        private Duration gcInterval = DEFAULT_GC_INTERVAL;
        private String secretPepper;
        private Duration jwtIdClockSkew = StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW;
        private boolean devModeAllowUnpepperedDigests;

        private Builder() {
        }

        public Builder dataSource(String v) { dataSource = v; return this; }
        public Builder url(String v) { url = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder poolSize(int v) { poolSize = v; return this; }
        public Builder acquisitionTimeout(Duration v) { acquisitionTimeout = v; return this; }
        public Builder migrate(boolean v) { migrate = v; return this; }
        public Builder targetServer(String v) { targetServer = v; return this; }
        public Builder gcBatchSize(int v) { gcBatchSize = v; return this; }
        public Builder gcInterval(Duration v) { gcInterval = v; return this; }
        public Builder secretPepper(String v) { secretPepper = v; return this; }
        public Builder jwtIdClockSkew(Duration v) { jwtIdClockSkew = v; return this; }
        public Builder devModeAllowUnpepperedDigests(boolean v) { devModeAllowUnpepperedDigests = v; return this; }

        public JpaSettings build() {
            return new JpaSettings(dataSource, url, user, password, poolSize,
                    acquisitionTimeout, migrate, targetServer, gcBatchSize, gcInterval,
                    secretPepper, jwtIdClockSkew, devModeAllowUnpepperedDigests);
        }
    }

    private static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new StoreConfigurationException(problems.size() + " problem(s) in the JPA store configuration:\n"
                    + String.join("\n", problems));
        }
    }
}
