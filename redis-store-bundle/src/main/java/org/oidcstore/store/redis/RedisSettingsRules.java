package org.oidcstore.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.oidcstore.store.redis.internal.Redaction;
import org.oidcstore.store.redis.internal.RedisMessages;
import org.oidcstore.store.spi.StoreSettings;

/**
 * The rules of {@link RedisSettings}: {@link RedisSettings#problems()}, the unsafe settings and the
 * warnings of the weakening flags. Pure, no connection, every problem listed.
 */
final class RedisSettingsRules {
    /** Characters that can never form a Redis Cluster hash tag or a SCAN glob. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_:-]{1,64}");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    static final String DEV_PLAINTEXT = RedisSettings.PREFIX + "dev-mode-allow-plaintext";
    static final String DEV_NO_AUTH = RedisSettings.PREFIX + "dev-mode-allow-no-auth";

    private RedisSettingsRules() {
    }

    static List<String> problems(RedisSettings s) {
        List<String> p = new ArrayList<>();
        String p0 = RedisSettings.PREFIX;
        if (s.nodes().isEmpty()) {
            p.add(s.topology() == RedisTopology.STANDALONE
                    ? RedisMessages.NO_CONNECTION + " no Redis connection is configured: set " + p0
                    + "uri (rediss://host:port/db), or "
                            + p0 + "sentinel.master + " + p0 + "sentinel.nodes, or " + p0 + "cluster.nodes"
                    : RedisMessages.NO_CONNECTION + " no " + s.topology().name().toLowerCase(Locale.ROOT)
                    + " nodes are configured");
        }
        boolean badScheme = false;
        for (URI u : s.nodes()) {
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss") || u.getHost() == null) {
                badScheme = true;
                p.add(RedisMessages.BAD_ENDPOINT + " Redis endpoint " + Redaction.redact(u)
                        + " is not a rediss://host:port URI");
            }
            if (u.getRawUserInfo() != null) {
                p.add(RedisMessages.CREDENTIALS_IN_URI + " Redis endpoint " + Redaction.redact(u)
                        + " carries credentials in the URI; move them to "
                        + p0 + "user and " + p0 + "password");
            }
        }
        long schemes = s.nodes().stream().map(u -> String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT))
                .distinct().count();
        if (schemes > 1) {
            p.add(RedisMessages.MIXED_SCHEMES
                    + " Redis endpoints mix redis:// and rediss://; use rediss:// everywhere");
        }
        boolean plaintext = s.nodes().stream().anyMatch(u -> "redis".equalsIgnoreCase(u.getScheme()));
        if (plaintext && !badScheme && !s.devModeAllowPlaintext()) {
            p.add(RedisMessages.PLAINTEXT_REFUSED + " plaintext redis:// is refused: use rediss:// (TLS), or set "
                    + DEV_PLAINTEXT
                    + "=true on a development machine");
        }
        if (noAuthUnacknowledged(s)) {
            p.add(RedisMessages.AUTH_REQUIRED + " Redis AUTH is required: set " + p0 + "password (and " + p0
                    + "user for an ACL user), or set " + DEV_NO_AUTH + "=true on a development machine");
        }
        if (s.user() != null && s.password() == null) {
            p.add(RedisMessages.USER_WITHOUT_PASSWORD + " " + p0 + "user is set without " + p0 + "password");
        }
        if (openSentinelsUnacknowledged(s)) {
            p.add(RedisMessages.SENTINEL_AUTH_REQUIRED + " Redis Sentinel AUTH is required: set " + p0
                    + "sentinel.password (and " + p0
                    + "sentinel.user for an ACL user on the sentinels); an open sentinel lets anyone on its network"
                    + " reconfigure which server is the master. Or set " + DEV_NO_AUTH
                    + "=true on a development machine");
        }
        if (s.sentinelUser() != null && s.sentinelPassword() == null) {
            p.add(RedisMessages.USER_WITHOUT_PASSWORD + " " + p0 + "sentinel.user is set without " + p0
                    + "sentinel.password");
        }
        if (s.topology() == RedisTopology.SENTINEL && (s.sentinelMaster() == null || s.sentinelMaster().isBlank())) {
            p.add(RedisMessages.SENTINEL_MASTER_MISSING + " " + p0
                    + "sentinel.master (the monitored master name) is required with "
                    + p0 + "sentinel.nodes");
        }
        if (s.database() < 0 || s.topology() == RedisTopology.CLUSTER && s.database() != 0) {
            p.add(RedisMessages.BAD_DATABASE + " Redis database index must be a number >= 0 (and 0 on a cluster)");
        }
        if (!PREFIX.matcher(s.keyPrefix()).matches() || !s.keyPrefix().endsWith(":")) {
            p.add(RedisMessages.BAD_KEY_PREFIX + " " + p0
                    + "key-prefix must end with ':' and use only [A-Za-z0-9_:-] (at most 64)");
        }
        if (s.maxValueBytes() < RedisSettings.MIN_VALUE_BYTES || s.maxValueBytes() > RedisSettings.MAX_VALUE_BYTES) {
            p.add(RedisMessages.BAD_MAX_VALUE_BYTES + " " + RedisSettings.MAX_VALUE_BYTES_KEY + " is "
                    + s.maxValueBytes() + "; it must be between "
                    + RedisSettings.MIN_VALUE_BYTES + " (1 KiB) and " + RedisSettings.MAX_VALUE_BYTES + " (1 MiB)");
        }
        if (s.timeout().isNegative() || s.timeout().toMillis() < 1 || s.timeout().compareTo(MAX_TIMEOUT) > 0) {
            p.add(RedisMessages.BAD_TIMEOUT + " " + p0 + "timeout must be between 1 ms and 1 minute (e.g. PT2S)");
        }
        if (s.poolSize() < 1 || s.poolSize() > 1024) {
            p.add(RedisMessages.BAD_POOL_SIZE + " " + p0 + "pool-size must be between 1 and 1024");
        }
        keyStore(s.truststore(), s.truststorePassword(), s.truststoreType(), RedisMessages.BAD_TRUSTSTORE, p0
                + "truststore")
                .ifPresent(p::add);
        keyStore(s.keystore(), s.keystorePassword(), s.keystoreType(), RedisMessages.BAD_KEYSTORE, p0 + "keystore")
                .ifPresent(p::add);
        p.addAll(StoreSettings.problems(shared(s))); // OIDCS-1010…1014, the composite's very lines
        return p;
    }

    /**
     * The shared settings ({@link StoreSettings}: pepper, JWT-ID clock skew, unpeppered
     * acknowledgement) of {@code s} as the configuration lookup {@link StoreSettings#read} takes, so
     * that the tier reads them through the one reader every backend uses.
     */
    static Function<String, Optional<String>> shared(RedisSettings s) {
        return key -> switch (key) {
            case StoreSettings.SECRET_PEPPER_KEY -> Optional.ofNullable(s.secretPepper());
            case StoreSettings.JWT_ID_CLOCK_SKEW_KEY -> Optional.of(s.jwtIdClockSkew().toString());
            case StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY -> Optional.of(Boolean.toString(
                    s.devModeAllowUnpepperedDigests()));
            default -> Optional.empty();
        };
    }

    /**
     * Unsafe settings not acknowledged by a dev-mode flag (see {@code OidcStore#unsafeSettings()}):
     * the rules of {@link #problems} for OIDCS-1404, 1405 and 1417, so that deployment validation
     * reports exactly what the start refuses; and unpeppered digests that the operator did not
     * acknowledge, with the sentence of {@link StoreSettings#unsafeSettings} unchanged (the composite
     * recognises it and reports it once, as OIDCS-2061). Nothing when no endpoint is configured.
     */
    static List<String> unsafe(RedisSettings s) {
        if (s.nodes().isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        boolean plaintext = s.nodes().stream().anyMatch(u -> !"rediss".equalsIgnoreCase(u.getScheme()));
        if (plaintext && !s.devModeAllowPlaintext()) {
            out.add(RedisMessages.UNSAFE_PLAINTEXT + " " + RedisSettings.PREFIX
                    + "uri/nodes: plaintext (not rediss://) Redis endpoint "
                    + "without " + DEV_PLAINTEXT + "=true");
        }
        if (noAuthUnacknowledged(s)) {
            out.add(RedisMessages.UNSAFE_NO_AUTH + " " + RedisSettings.PREFIX + "password: no Redis AUTH without "
                    + DEV_NO_AUTH + "=true");
        }
        if (openSentinelsUnacknowledged(s)) {
            out.add(RedisMessages.UNSAFE_OPEN_SENTINELS + " " + RedisSettings.PREFIX
                    + "sentinel.password: Redis Sentinel without AUTH (anyone "
                    + "who reaches a sentinel can choose the master the store writes to) without " + DEV_NO_AUTH
                    + "=true");
        }
        out.addAll(StoreSettings.unsafeSettings(shared(s)));
        return out;
    }

    /** The warnings of the dev-mode flags set, in the order 1421, 1422. */
    static List<String> devModeWarnings(RedisSettings s) {
        List<String> out = new ArrayList<>();
        if (s.devModeAllowPlaintext()) {
            out.add(plaintextWarning());
        }
        if (s.devModeAllowNoAuth()) {
            out.add(noAuthWarning());
        }
        return out;
    }

    /** WARNING logged at every start, and reported at deployment, while the plaintext flag is set. */
    static String plaintextWarning() {
        return RedisMessages.DEV_PLAINTEXT_WARNING + " " + DEV_PLAINTEXT
                + "=true: the Redis tier accepts plaintext redis:// endpoints, "
                + "without TLS. Never use this in production.";
    }

    /** WARNING logged at every start, and reported at deployment, while the no-AUTH flag is set. */
    static String noAuthWarning() {
        return RedisMessages.DEV_NO_AUTH_WARNING + " " + DEV_NO_AUTH
                + "=true: the Redis tier connects to Redis (and to Sentinel) "
                + "without AUTH credentials when none are set. Never use this in production.";
    }

    private static boolean noAuthUnacknowledged(RedisSettings s) {
        return s.password() == null && !s.devModeAllowNoAuth();
    }

    private static boolean openSentinelsUnacknowledged(RedisSettings s) {
        return s.topology() == RedisTopology.SENTINEL && s.sentinelPassword() == null && !s.devModeAllowNoAuth();
    }

    private static Optional<String> keyStore(Path file, String password, String type, String id, String key) {
        if (file == null) {
            return Optional.empty();
        }
        if (!Files.isReadable(file) || !Files.isRegularFile(file)) {
            return Optional.of(id + " " + key + " " + file + " is not a readable file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password == null ? null : password.toCharArray());
            return Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            // the cause names no password; the password itself is never echoed
            return Optional.of(id + " " + key + " " + file + " cannot be loaded as " + type
                    + " with the configured " + key + "-password (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@link RedisSettings#toString()}: never a password, a pepper or URI user-info. */
    static String describe(RedisSettings s) {
        return "RedisSettings[topology=" + s.topology() + ", nodes=" + Redaction.redact(s.nodes())
                + ", sentinelMaster=" + s.sentinelMaster() + ", database=" + s.database() + ", user=" + s.user()
                + ", password=" + mask(s.password()) + ", sentinelUser=" + s.sentinelUser() + ", sentinelPassword="
                + mask(s.sentinelPassword()) + ", devModeAllowPlaintext=" + s.devModeAllowPlaintext()
                + ", devModeAllowNoAuth="
                + s.devModeAllowNoAuth() + ", keyPrefix="
                + s.keyPrefix() + ", maxValueBytes=" + s.maxValueBytes() + ", timeout=" + s.timeout() + ", truststore="
                + s.truststore() + ", truststoreType=" + s.truststoreType() + ", keystore=" + s.keystore()
                + ", keystoreType=" + s.keystoreType() + ", poolSize=" + s.poolSize()
                + ", acceptEvictingMaxmemoryPolicy=" + s.acceptEvictingMaxmemoryPolicy()
                + ", acceptUnverifiedMaxmemoryPolicy=" + s.acceptUnverifiedMaxmemoryPolicy() + ", secretPepper="
                + mask(s.secretPepper()) + ", jwtIdClockSkew=" + s.jwtIdClockSkew() + ", devModeAllowUnpepperedDigests="
                + s.devModeAllowUnpepperedDigests() + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "<none>" : "<redacted>";
    }
}
