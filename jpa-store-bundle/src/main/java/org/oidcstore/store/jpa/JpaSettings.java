package org.oidcstore.store.jpa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.jpa.internal.boot.ConfigValues;
import org.oidcstore.store.jpa.internal.boot.RequiredClasses;
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

    public static final String KEY_DATASOURCE = "oidc.store.jpa.datasource";
    public static final String KEY_URL = "oidc.store.jpa.url";
    public static final String KEY_USER = "oidc.store.jpa.user";
    public static final String KEY_PASSWORD = "oidc.store.jpa.password";
    public static final String KEY_POOL_SIZE = "oidc.store.jpa.pool-size";
    public static final String KEY_ACQUISITION_TIMEOUT = "oidc.store.jpa.acquisition-timeout";
    public static final String KEY_MIGRATE = "oidc.store.jpa.migrate";
    public static final String KEY_TARGET_SERVER = "oidc.store.jpa.target-server";
    public static final String KEY_GC_BATCH_SIZE = "oidc.store.jpa.gc.batch-size";
    /** Shared with the composite's list of known keys: {@link StoreSettings#GC_INTERVAL_KEY}. */
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

    /** Java SE settings with every default. */
    public static JpaSettings forUrl(String url, String user, String password) {
        return new JpaSettings(null, url, user, password, DEFAULT_POOL_SIZE, DEFAULT_ACQUISITION_TIMEOUT,
                DEFAULT_MIGRATE, null, DEFAULT_GC_BATCH_SIZE, DEFAULT_GC_INTERVAL, null,
                StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW, false);
    }

    /** Container settings with every default: the JTA data source by JNDI name. */
    public static JpaSettings forDataSource(String jndiName, String targetServer) {
        return new JpaSettings(jndiName, null, null, null, DEFAULT_POOL_SIZE, DEFAULT_ACQUISITION_TIMEOUT,
                DEFAULT_MIGRATE, targetServer, DEFAULT_GC_BATCH_SIZE, DEFAULT_GC_INTERVAL, null,
                StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW, false);
    }

    public JpaSettings withPoolSize(int v) {
        return new JpaSettings(dataSource, url, user, password, v, acquisitionTimeout, migrate, targetServer,
                gcBatchSize, gcInterval, secretPepper, jwtIdClockSkew, devModeAllowUnpepperedDigests);
    }

    public JpaSettings withAcquisitionTimeout(Duration v) {
        return new JpaSettings(dataSource, url, user, password, poolSize, v, migrate, targetServer, gcBatchSize,
                gcInterval, secretPepper, jwtIdClockSkew, devModeAllowUnpepperedDigests);
    }

    public JpaSettings withMigrate(boolean v) {
        return new JpaSettings(dataSource, url, user, password, poolSize, acquisitionTimeout, v, targetServer,
                gcBatchSize, gcInterval, secretPepper, jwtIdClockSkew, devModeAllowUnpepperedDigests);
    }

    public JpaSettings withGcBatchSize(int v) {
        return new JpaSettings(dataSource, url, user, password, poolSize, acquisitionTimeout, migrate, targetServer,
                v, gcInterval, secretPepper, jwtIdClockSkew, devModeAllowUnpepperedDigests);
    }

    public JpaSettings withGcInterval(Duration v) {
        return new JpaSettings(dataSource, url, user, password, poolSize, acquisitionTimeout, migrate, targetServer,
                gcBatchSize, v, secretPepper, jwtIdClockSkew, devModeAllowUnpepperedDigests);
    }

    public JpaSettings withSecretPepper(String base64) {
        return new JpaSettings(dataSource, url, user, password, poolSize, acquisitionTimeout, migrate, targetServer,
                gcBatchSize, gcInterval, base64, jwtIdClockSkew, devModeAllowUnpepperedDigests);
    }

    public JpaSettings withJwtIdClockSkew(Duration v) {
        return new JpaSettings(dataSource, url, user, password, poolSize, acquisitionTimeout, migrate, targetServer,
                gcBatchSize, gcInterval, secretPepper, v, devModeAllowUnpepperedDigests);
    }

    /** Development only: accepts digests without a pepper (reported by {@link #unsafeSettings()} otherwise). */
    public JpaSettings withDevModeAllowUnpepperedDigests(boolean v) {
        return new JpaSettings(dataSource, url, user, password, poolSize, acquisitionTimeout, migrate, targetServer,
                gcBatchSize, gcInterval, secretPepper, jwtIdClockSkew, v);
    }

    /**
     * Reads every key of the tier from MicroProfile Config and validates the result.
     *
     * @throws StoreConfigurationException listing every problem (unparsable values included), one
     *     per line, each starting with its message id
     */
    public static JpaSettings fromConfig(Config config) {
        List<String> problems = new ArrayList<>();
        JpaSettings s = parse(key -> config.getOptionalValue(key, String.class), problems);
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
        List<String> problems = new ArrayList<>();
        JpaSettings s = parse(config, problems);
        List<String> own = s.problems();
        problems.addAll(own);
        if (own.stream().noneMatch(p -> p.startsWith("OIDCS-1201") || p.startsWith("OIDCS-1202")
                || p.startsWith("OIDCS-1203"))) {
            problems.addAll(RequiredClasses.missing(s, loaders));
        }
        return problems.stream().distinct().toList();
    }

    private static JpaSettings parse(Function<String, Optional<String>> config, List<String> problems) {
        int poolSize = ConfigValues.parseInt(config, KEY_POOL_SIZE, DEFAULT_POOL_SIZE, "OIDCS-1204", problems);
        Duration acquisition = ConfigValues.parseDuration(config, KEY_ACQUISITION_TIMEOUT,
                DEFAULT_ACQUISITION_TIMEOUT, "OIDCS-1210", problems);
        boolean migrate = ConfigValues.parseBoolean(config, KEY_MIGRATE, DEFAULT_MIGRATE, "OIDCS-1207", problems);
        int batch = ConfigValues.parseInt(config, KEY_GC_BATCH_SIZE, DEFAULT_GC_BATCH_SIZE, "OIDCS-1205", problems);
        Duration interval = ConfigValues.parseDuration(config, KEY_GC_INTERVAL, DEFAULT_GC_INTERVAL, "OIDCS-1206",
                problems);
        // the shared keys through their one reader; a bad value is reported and the default kept
        List<String> shared = StoreSettings.problems(config);
        problems.addAll(shared);
        Duration skew = shared.isEmpty() ? StoreSettings.read(config).jwtIdClockSkew()
                : StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW;
        Function<String, String> text = key -> ConfigValues.string(config, key);
        return new JpaSettings(text.apply(KEY_DATASOURCE), text.apply(KEY_URL), text.apply(KEY_USER),
                text.apply(KEY_PASSWORD), poolSize, acquisition, migrate, text.apply(KEY_TARGET_SERVER), batch,
                interval, text.apply(KEY_SECRET_PEPPER), skew, StoreSettings.unpepperedAcknowledged(config));
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
        List<String> p = new ArrayList<>();
        boolean hasDs = ConfigValues.present(dataSource);
        boolean hasUrl = ConfigValues.present(url);
        if (!hasDs && !hasUrl) {
            p.add("OIDCS-1201 no database configured: set " + KEY_DATASOURCE + " (JNDI name of the server's JTA"
                    + " data source) in a container, or " + KEY_URL + " (JDBC URL) in Java SE");
        }
        if (hasDs && hasUrl) {
            p.add("OIDCS-1202 both " + KEY_DATASOURCE + " and " + KEY_URL + " are set; set exactly one");
        }
        if (hasUrl && SUPPORTED_URL_PREFIXES.stream().noneMatch(pre -> url.trim().toLowerCase(Locale.ROOT)
                .startsWith(pre))) {
            p.add("OIDCS-1203 " + KEY_URL + " is not a supported JDBC URL (scheme '" + ConfigValues.scheme(url)
                    + "'); use one of " + SUPPORTED_URL_PREFIXES);
        }
        if (hasDs && (ConfigValues.present(user) || ConfigValues.present(password))) {
            p.add("OIDCS-1208 " + KEY_USER + " / " + KEY_PASSWORD + " apply only with " + KEY_URL
                    + "; the container's data source carries its own credentials");
        }
        if (hasUrl && ConfigValues.present(targetServer)) {
            p.add("OIDCS-1209 " + KEY_TARGET_SERVER + " applies only with " + KEY_DATASOURCE
                    + "; in Java SE the store runs under Narayana");
        }
        if (poolSize < 1) {
            p.add("OIDCS-1204 " + KEY_POOL_SIZE + " must be at least 1 (default " + DEFAULT_POOL_SIZE + ")");
        }
        if (acquisitionTimeout == null || acquisitionTimeout.isNegative() || acquisitionTimeout.isZero()) {
            p.add("OIDCS-1210 " + KEY_ACQUISITION_TIMEOUT + " must be a positive ISO-8601 duration (default "
                    + DEFAULT_ACQUISITION_TIMEOUT + ")");
        }
        if (gcBatchSize < 1 || gcBatchSize > MAX_GC_BATCH_SIZE) {
            p.add("OIDCS-1205 " + KEY_GC_BATCH_SIZE + " must be between 1 and " + MAX_GC_BATCH_SIZE + " (default "
                    + DEFAULT_GC_BATCH_SIZE + ")");
        }
        if (gcInterval == null || gcInterval.isNegative()) {
            p.add("OIDCS-1206 " + KEY_GC_INTERVAL + " must be an ISO-8601 duration, PT0S to disable (default "
                    + DEFAULT_GC_INTERVAL + ")");
        }
        p.addAll(StoreSettings.problems(shared()));
        return p;
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
    private Function<String, Optional<String>> shared() {
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

    private static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new StoreConfigurationException(problems.size() + " problem(s) in the JPA store configuration:\n"
                    + String.join("\n", problems));
        }
    }
}
