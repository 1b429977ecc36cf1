package org.oidcstore.store.redis;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.oidcstore.store.spi.StoreSettings;

/**
 * The state of a {@link RedisSettings.Builder}: one field per component of {@link RedisSettings},
 * starting at the defaults the builder documents, and the copies from and to the record. The
 * builder's public setters write these fields; nothing is checked here ({@link RedisSettings#validate()}
 * checks at start).
 */
final class RedisSettingsDraft {
    RedisTopology topology = RedisTopology.STANDALONE;
    List<URI> nodes = List.of();
    String sentinelMaster;
    int database;
    String user;
    String password;
    String sentinelUser;
    String sentinelPassword;
    boolean devModeAllowPlaintext;
    boolean devModeAllowNoAuth;
    String keyPrefix = RedisSettings.DEFAULT_KEY_PREFIX;
    int maxValueBytes = RedisSettings.DEFAULT_MAX_VALUE_BYTES;
    Duration timeout = RedisSettings.DEFAULT_TIMEOUT;
    Path truststore;
    String truststorePassword;
    String truststoreType = RedisSettings.DEFAULT_STORE_TYPE;
    Path keystore;
    String keystorePassword;
    String keystoreType = RedisSettings.DEFAULT_STORE_TYPE;
    int poolSize = RedisSettings.DEFAULT_POOL_SIZE;
    boolean acceptEvictingMaxmemoryPolicy;
    boolean acceptUnverifiedMaxmemoryPolicy;
    String secretPepper;
    Duration jwtIdClockSkew = StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW;
    boolean devModeAllowUnpepperedDigests;

    /** Sets the topology and its nodes (the builder's {@code standalone}, {@code sentinel}, {@code cluster}). */
    void topology(RedisTopology t, List<URI> n) {
        topology = t;
        nodes = n;
    }

    /** A draft holding every component of {@code s}. */
    static RedisSettingsDraft of(RedisSettings s) {
        RedisSettingsDraft d = new RedisSettingsDraft();
        d.topology = s.topology();
        d.nodes = s.nodes();
        d.sentinelMaster = s.sentinelMaster();
        d.database = s.database();
        d.user = s.user();
        d.password = s.password();
        d.sentinelUser = s.sentinelUser();
        d.sentinelPassword = s.sentinelPassword();
        d.devModeAllowPlaintext = s.devModeAllowPlaintext();
        d.devModeAllowNoAuth = s.devModeAllowNoAuth();
        d.keyPrefix = s.keyPrefix();
        d.maxValueBytes = s.maxValueBytes();
        d.timeout = s.timeout();
        d.truststore = s.truststore();
        d.truststorePassword = s.truststorePassword();
        d.truststoreType = s.truststoreType();
        d.keystore = s.keystore();
        d.keystorePassword = s.keystorePassword();
        d.keystoreType = s.keystoreType();
        d.poolSize = s.poolSize();
        d.acceptEvictingMaxmemoryPolicy = s.acceptEvictingMaxmemoryPolicy();
        d.acceptUnverifiedMaxmemoryPolicy = s.acceptUnverifiedMaxmemoryPolicy();
        d.secretPepper = s.secretPepper();
        d.jwtIdClockSkew = s.jwtIdClockSkew();
        d.devModeAllowUnpepperedDigests = s.devModeAllowUnpepperedDigests();
        return d;
    }

    /** The settings of this draft, not validated. */
    RedisSettings build() {
        return new RedisSettings(topology, nodes, sentinelMaster, database, user, password, sentinelUser,
                sentinelPassword, devModeAllowPlaintext, devModeAllowNoAuth, keyPrefix, maxValueBytes, timeout,
                truststore, truststorePassword, truststoreType, keystore, keystorePassword, keystoreType,
                poolSize, acceptEvictingMaxmemoryPolicy, acceptUnverifiedMaxmemoryPolicy, secretPepper,
                jwtIdClockSkew, devModeAllowUnpepperedDigests);
    }
}
