package org.oidcstore.store.redis;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.spi.ValueSize;

/**
 * Settings of the Redis tier, immutable. Built from MicroProfile Config by {@link #fromConfig} or
 * programmatically with {@link #builder()}; {@link #validate()} reports every problem at once, each
 * line starting with a message id ({@code OIDCS-14xx}, see {@code docs/message-ids.md}).
 *
 * <p>Safety floor: a {@code redis://} (plaintext) endpoint is refused unless
 * {@link #devModeAllowPlaintext()}, a missing AUTH password (of the data nodes, or of the sentinels)
 * unless {@link #devModeAllowNoAuth()}; each flag logs its own warning at every start. Credentials
 * never appear in {@link #toString()}, in a message or in a log line.
 *
 * @param topology standalone, Sentinel or Cluster
 * @param nodes standalone: the one server; Sentinel: the sentinels; Cluster: seed nodes. Each a
 *     {@code rediss://host:port} URI ({@code redis://} only in dev mode); for standalone the path
 *     may name the database ({@code /2})
 * @param sentinelMaster the master name monitored by Sentinel (Sentinel only)
 * @param database database index (standalone from the URI path, Sentinel from
 *     {@code oidc.store.redis.sentinel.database}; Cluster has only 0)
 * @param user ACL user of the data nodes, or {@code null} for the {@code default} user
 * @param password AUTH password of the data nodes; required unless dev mode
 * @param sentinelUser ACL user of the sentinels themselves, or {@code null}
 * @param sentinelPassword AUTH password of the sentinels themselves, or {@code null}
 * @param devModeAllowPlaintext allows {@code redis://} (no TLS); logs a warning at every start
 * @param devModeAllowNoAuth allows connecting without AUTH credentials (data nodes and sentinels);
 *     logs a warning at every start
 * @param keyPrefix prefix of every key; ends with {@code :}, characters {@code [A-Za-z0-9_:-]}
 * @param maxValueBytes largest value written (1 KiB to 1 MiB); larger writes fail before writing
 * @param timeout connect and read timeout; every operation fails within it when Redis is away
 * @param truststore PKCS12/JKS trust store with the CA of the servers, or {@code null} for the JVM's
 * @param truststorePassword its password, or {@code null}
 * @param truststoreType its type ({@link #DEFAULT_STORE_TYPE})
 * @param keystore client certificate key store for mutual TLS, or {@code null}
 * @param keystorePassword its password, or {@code null}
 * @param keystoreType its type
 * @param poolSize connections per server
 * @param acceptEvictingMaxmemoryPolicy starts even when the server may evict keys (a lost JTI
 *     marker or consumed-PAR marker reopens a replay window); logs a warning at every start. It
 *     also covers a policy that cannot be read (at worst it is evicting)
 * @param acceptUnverifiedMaxmemoryPolicy starts even when the server's policy cannot be read (CONFIG
 *     and INFO refused), without accepting a policy that is read and evicting; logs a warning
 * @param secretPepper {@code oidc.store.secret-pepper}: one or more base64 HMAC keys, newest first, for the
 *     digests of JWT IDs and request URIs, or {@code null} (plain SHA-256, reported by
 *     {@link #unsafeSettings()} unless {@code devModeAllowUnpepperedDigests})
 * @param jwtIdClockSkew {@code oidc.store.jwt-id-clock-skew}: how long past its expiry Redis keeps a
 *     JWT-ID marker ({@code PT0S} … {@code PT10M}, default {@code PT60S})
 * @param devModeAllowUnpepperedDigests {@code oidc.store.dev-mode-allow-unpeppered-digests}: the
 *     operator acknowledges digests without a pepper by name (development only)
 */
public record RedisSettings(
        RedisTopology topology,
        List<URI> nodes,
        String sentinelMaster,
        int database,
        String user,
        String password,
        String sentinelUser,
        String sentinelPassword,
        boolean devModeAllowPlaintext,
        boolean devModeAllowNoAuth,
        String keyPrefix,
        int maxValueBytes,
        Duration timeout,
        Path truststore,
        String truststorePassword,
        String truststoreType,
        Path keystore,
        String keystorePassword,
        String keystoreType,
        int poolSize,
        boolean acceptEvictingMaxmemoryPolicy,
        boolean acceptUnverifiedMaxmemoryPolicy,
        String secretPepper,
        Duration jwtIdClockSkew,
        boolean devModeAllowUnpepperedDigests) {

    /** Configuration prefix of this tier. */
    public static final String PREFIX = "oidc.store.redis.";
    /** The size limit of a record, named by a refusal ({@link ValueSize#check}). */
    public static final String MAX_VALUE_BYTES_KEY = PREFIX + StoreSettings.MAX_VALUE_BYTES;
    public static final String DEFAULT_KEY_PREFIX = "oidc:";
    /** {@code max-value-bytes} is measured by {@link ValueSize}, the same on every volatile tier. */
    public static final int DEFAULT_MAX_VALUE_BYTES = ValueSize.DEFAULT_MAX_VALUE_BYTES;
    public static final int MIN_VALUE_BYTES = ValueSize.MIN_MAX_VALUE_BYTES;
    public static final int MAX_VALUE_BYTES = ValueSize.MAX_MAX_VALUE_BYTES;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final String DEFAULT_STORE_TYPE = "PKCS12";
    public static final int DEFAULT_POOL_SIZE = 32;

    public RedisSettings {
        Objects.requireNonNull(topology, "topology");
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        keyPrefix = keyPrefix == null ? DEFAULT_KEY_PREFIX : keyPrefix;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        truststoreType = truststoreType == null ? DEFAULT_STORE_TYPE : truststoreType;
        keystoreType = keystoreType == null ? DEFAULT_STORE_TYPE : keystoreType;
        jwtIdClockSkew = jwtIdClockSkew == null ? StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW : jwtIdClockSkew;
    }

    /**
     * Reads {@code oidc.store.redis.*} (and the shared keys of {@link StoreSettings}) and validates.
     *
     * @throws StoreConfigurationException listing every problem, one per line, each with its id
     */
    public static RedisSettings fromConfig(Config config) {
        return read(key -> config.getOptionalValue(key, String.class));
    }

    /**
     * {@link #fromConfig} over any key lookup (MicroProfile Config semantics: empty when unset):
     * parse errors and rule violations are reported together.
     *
     * @throws StoreConfigurationException listing every problem, one per line, each with its id
     */
    public static RedisSettings read(Function<String, Optional<String>> config) {
        return RedisSettingsReader.read(config);
    }

    /**
     * Every problem {@link #read} would throw with, one line each starting with its id: the same
     * parser and rules as the start, without connecting (trust and key stores are read from their
     * files, as at start). Never throws for an invalid value. Pure; for deployment validation.
     */
    public static List<String> problems(Function<String, Optional<String>> config) {
        return RedisSettingsReader.problems(config);
    }

    /** The problems of these settings, one line each starting with its id; empty when valid. */
    public List<String> problems() {
        return RedisSettingsRules.problems(this);
    }

    /**
     * Checks every setting; returns {@code this}.
     *
     * @throws StoreConfigurationException listing every problem, one per line, each with its id
     */
    public RedisSettings validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new StoreConfigurationException("invalid Redis tier settings:\n" + String.join("\n", problems));
        }
        return this;
    }

    /**
     * The shared settings these settings carry (digest of bearer secrets, JWT-ID clock skew), read
     * by the one reader every backend uses.
     *
     * @throws StoreConfigurationException when they are invalid (see {@link #validate()})
     */
    public StoreSettings storeSettings() {
        return StoreSettings.read(RedisSettingsRules.shared(this));
    }

    /**
     * The warnings of the dev-mode flags set ({@code OIDCS-1421}, {@code OIDCS-1422}): what the tier
     * logs at every start while a flag is set.
     */
    public List<String> devModeWarnings() {
        return RedisSettingsRules.devModeWarnings(this);
    }

    /** Whether the endpoints are TLS ({@code rediss://}). */
    public boolean tls() {
        return !nodes.isEmpty() && "rediss".equalsIgnoreCase(nodes.get(0).getScheme());
    }

    /** Whether a dev-mode flag is set: the operator declared a development machine. */
    public boolean devMode() {
        return devModeAllowPlaintext || devModeAllowNoAuth;
    }

    /** The unsafe settings not acknowledged by a dev-mode flag (see {@link #unsafeSettings(Config)}). */
    public List<String> unsafeSettings() {
        return RedisSettingsRules.unsafe(this);
    }

    /**
     * The settings that weaken the tier and that the operator has not acknowledged by a dev-mode
     * flag: a plaintext endpoint ({@code OIDCS-1460}, without
     * {@code oidc.store.redis.dev-mode-allow-plaintext=true}), no AUTH password ({@code OIDCS-1461})
     * or open sentinels ({@code OIDCS-1462}), both without
     * {@code oidc.store.redis.dev-mode-allow-no-auth=true}: exactly the settings the start refuses
     * with {@code OIDCS-1404}, {@code 1405} and {@code 1417}; and, without
     * {@code oidc.store.secret-pepper} nor {@code oidc.store.dev-mode-allow-unpeppered-digests=true},
     * the sentence of {@link StoreSettings#unsafeSettings} unchanged (the composite reports it once as
     * {@code OIDCS-2061}). Nothing when no Redis endpoint is configured. Pure: reads the configuration
     * only, never connects, never throws for other invalid settings (those fail at start). Used by the
     * composite's deployment validation.
     */
    public static List<String> unsafeSettings(Config config) {
        return unsafeSettings(key -> config.getOptionalValue(key, String.class));
    }

    /** {@link #unsafeSettings(Config)} over any key lookup. Pure, never throws for bad values. */
    public static List<String> unsafeSettings(Function<String, Optional<String>> config) {
        return RedisSettingsReader.unsafe(config);
    }

    /**
     * The weakening flags set to {@code true}, each a sentence naming its key ({@code OIDCS-1421} to
     * {@code 1424}); the composite logs them as warnings at deployment. Pure, never throws.
     */
    public static List<String> acknowledgedRisks(Function<String, Optional<String>> config) {
        return RedisSettingsReader.acknowledged(config);
    }

    /** The topology a configuration chooses (standalone when none or several are set). Pure. */
    public static RedisTopology configuredTopology(Function<String, Optional<String>> config) {
        return RedisSettingsReader.topology(config);
    }

    public static Builder builder() {
        return new Builder(new RedisSettingsDraft());
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(RedisSettingsDraft.of(this));
    }

    /** Never shows a password, a pepper or URI user-info. */
    @Override
    public String toString() {
        return RedisSettingsRules.describe(this);
    }

    /** Builder; defaults are the {@code DEFAULT_*} constants. */
    public static final class Builder {
        private final RedisSettingsDraft d;

        private Builder(RedisSettingsDraft d) {
            this.d = d;
        }

        /** Standalone server, e.g. {@code rediss://redis.example:6380/0}. */
        public Builder standalone(URI uri) {
            d.topology(RedisTopology.STANDALONE, List.of(uri));
            String path = uri.getPath();
            d.database = path == null || path.isEmpty() || "/".equals(path) ? 0 : RedisSettingsReader.databaseOf(path);
            return this;
        }

        /** Sentinel: the master name and the sentinels' URIs. */
        public Builder sentinel(String masterName, List<URI> sentinels) {
            d.topology(RedisTopology.SENTINEL, List.copyOf(sentinels));
            d.sentinelMaster = masterName;
            return this;
        }

        /** Cluster: seed nodes' URIs. */
        public Builder cluster(List<URI> seeds) {
            d.topology(RedisTopology.CLUSTER, List.copyOf(seeds));
            return this;
        }

        public Builder database(int v) { d.database = v; return this; }
        public Builder user(String v) { d.user = v; return this; }
        public Builder password(String v) { d.password = v; return this; }
        public Builder sentinelUser(String v) { d.sentinelUser = v; return this; }
        public Builder sentinelPassword(String v) { d.sentinelPassword = v; return this; }
        public Builder devModeAllowPlaintext(boolean v) { d.devModeAllowPlaintext = v; return this; }
        public Builder devModeAllowNoAuth(boolean v) { d.devModeAllowNoAuth = v; return this; }
        public Builder keyPrefix(String v) { d.keyPrefix = v; return this; }
        public Builder maxValueBytes(int v) { d.maxValueBytes = v; return this; }
        public Builder timeout(Duration v) { d.timeout = v; return this; }
        public Builder truststore(Path v) { d.truststore = v; return this; }
        public Builder truststorePassword(String v) { d.truststorePassword = v; return this; }
        public Builder truststoreType(String v) { d.truststoreType = v; return this; }
        public Builder keystore(Path v) { d.keystore = v; return this; }
        public Builder keystorePassword(String v) { d.keystorePassword = v; return this; }
        public Builder keystoreType(String v) { d.keystoreType = v; return this; }
        public Builder poolSize(int v) { d.poolSize = v; return this; }
        public Builder acceptEvictingMaxmemoryPolicy(boolean v) { d.acceptEvictingMaxmemoryPolicy = v; return this; }
        public Builder acceptUnverifiedMaxmemoryPolicy(boolean v) { d.acceptUnverifiedMaxmemoryPolicy = v; return this; }
        public Builder secretPepper(String v) { d.secretPepper = v; return this; }
        public Builder jwtIdClockSkew(Duration v) { d.jwtIdClockSkew = v; return this; }
        public Builder devModeAllowUnpepperedDigests(boolean v) { d.devModeAllowUnpepperedDigests = v; return this; }

        /** Builds without validating ({@link RedisSettings#validate()} runs at start). */
        public RedisSettings build() {
            return d.build();
        }
    }
}
