package org.oidcstore.store.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.internal.RedisMessages;
import org.oidcstore.store.spi.StoreSettings;

/**
 * Reads {@link RedisSettings} from MicroProfile Config (or any key lookup: the composite's
 * deployment validation has one). Parse errors and validation problems are reported together, so
 * an operator fixes everything in one round. A value that may hold a credential (a URI) is never
 * echoed when it cannot be parsed. The deploy-time checks ({@link #unsafe}, {@link #acknowledged})
 * parse with the very same code as the start, so they judge the settings the store would run with.
 */
final class RedisSettingsReader {
    static final String URI_KEY = RedisSettings.PREFIX + "uri";
    static final String SENTINEL_MASTER = RedisSettings.PREFIX + "sentinel.master";
    static final String SENTINEL_NODES = RedisSettings.PREFIX + "sentinel.nodes";
    static final String CLUSTER_NODES = RedisSettings.PREFIX + "cluster.nodes";
    static final String ACCEPT_EVICTING = RedisSettings.PREFIX + "accept-evicting-maxmemory-policy";
    static final String ACCEPT_UNVERIFIED = RedisSettings.PREFIX + "accept-unverified-maxmemory-policy";

    private final Function<String, Optional<String>> config;
    private final List<String> problems = new ArrayList<>();

    private RedisSettingsReader(Function<String, Optional<String>> config) {
        this.config = config;
    }

    /** Parses and validates; throws with every problem. */
    static RedisSettings read(Function<String, Optional<String>> config) {
        RedisSettingsReader r = new RedisSettingsReader(config);
        RedisSettings s = r.parse();
        List<String> all = r.problems(s);
        if (!all.isEmpty()) {
            throw new StoreConfigurationException("invalid Redis tier settings:\n" + String.join("\n", all));
        }
        return s;
    }

    /**
     * Every problem {@link #read} would throw with, one line each starting with its id, over any key
     * lookup (the composite's deployment validation has one): the same parser and the same validator
     * as the start, without connecting. The trust and key stores are read from their files, as at
     * start. Never throws for an invalid value.
     */
    static List<String> problems(Function<String, Optional<String>> config) {
        RedisSettingsReader r = new RedisSettingsReader(config);
        return r.problems(r.parse());
    }

    /** What parsing found, then what the validator finds in the parsed settings; each line once. */
    private List<String> problems(RedisSettings parsed) {
        Set<String> all = new LinkedHashSet<>(problems);
        all.addAll(RedisSettingsRules.problems(parsed)); // a bad pepper is found by both: one line
        return List.copyOf(all);
    }

    /**
     * {@code RedisSettings.unsafeSettings} over any key lookup: the settings are parsed exactly as at start (the
     * same trimming, blank values counted as unset, the same topology choice), then judged by the
     * rules the start applies ({@link RedisSettingsRules#unsafe(RedisSettings)}).
     */
    static List<String> unsafe(Function<String, Optional<String>> config) {
        return RedisSettingsRules.unsafe(new RedisSettingsReader(config).parse());
    }

    /**
     * The weakening flags set to {@code true}, each a sentence naming its key (OIDCS-1421 to 1424);
     * the composite logs them as warnings at deployment. Pure, like {@link #unsafe}.
     */
    static List<String> acknowledged(Function<String, Optional<String>> config) {
        RedisSettings s = new RedisSettingsReader(config).parse();
        List<String> out = new ArrayList<>();
        if (s.devModeAllowPlaintext()) {
            out.add(RedisSettingsRules.plaintextWarning());
        }
        if (s.devModeAllowNoAuth()) {
            out.add(RedisSettingsRules.noAuthWarning());
        }
        if (s.acceptEvictingMaxmemoryPolicy()) {
            out.add(RedisMessages.ACCEPT_EVICTING_WARNING + " " + ACCEPT_EVICTING
                    + "=true: the Redis tier starts although the server may evict "
                    + "keys; an evicted JWT-ID marker or consumed PAR, device-code or CIBA record reopens a replay window. Set maxmemory-policy "
                    + "noeviction and remove the flag");
        }
        if (s.acceptUnverifiedMaxmemoryPolicy()) {
            out.add(RedisMessages.ACCEPT_UNVERIFIED_WARNING + " " + ACCEPT_UNVERIFIED
                    + "=true: the Redis tier starts although it cannot read the "
                    + "server's maxmemory-policy; make sure it is noeviction, or grant +info so that the store "
                    + "checks it, and remove the flag");
        }
        return out;
    }

    /** The topology the configuration chooses (standalone when none or several are set). Pure. */
    static RedisTopology topology(Function<String, Optional<String>> config) {
        return new RedisSettingsReader(config).parse().topology();
    }

    /** The database index of a URI path ({@code /2}); -1 when it is not a number. */
    static int databaseOf(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private RedisSettings parse() {
        RedisSettings.Builder b = RedisSettings.builder();
        Optional<String> uri = str("uri");
        Optional<String> master = str("sentinel.master");
        Optional<String> sentinels = str("sentinel.nodes");
        Optional<String> cluster = str("cluster.nodes");
        int configured = (uri.isPresent() ? 1 : 0) + (master.isPresent() || sentinels.isPresent() ? 1 : 0)
                + (cluster.isPresent() ? 1 : 0);
        if (configured > 1) {
            problems.add(RedisMessages.SEVERAL_TOPOLOGIES
                    + " more than one Redis topology is configured: set only one of " + URI_KEY
                    + " (standalone), " + SENTINEL_MASTER + " + " + SENTINEL_NODES + " (Sentinel) or "
                    + CLUSTER_NODES + " (Cluster)");
        }
        if (uri.isPresent()) {
            uris(URI_KEY, uri.get()).stream().findFirst().ifPresent(b::standalone);
        } else if (master.isPresent() || sentinels.isPresent()) {
            b.sentinel(master.orElse(null), uris(SENTINEL_NODES, sentinels.orElse("")));
            b.database(integer("sentinel.database", 0));
        } else if (cluster.isPresent()) {
            b.cluster(uris(CLUSTER_NODES, cluster.get()));
        }
        str("user").ifPresent(b::user);
        str("password").ifPresent(b::password);
        str("sentinel.user").ifPresent(b::sentinelUser);
        str("sentinel.password").ifPresent(b::sentinelPassword);
        b.devModeAllowPlaintext(bool("dev-mode-allow-plaintext"));
        b.devModeAllowNoAuth(bool("dev-mode-allow-no-auth"));
        str("key-prefix").ifPresent(b::keyPrefix);
        b.maxValueBytes(integer(StoreSettings.MAX_VALUE_BYTES, RedisSettings.DEFAULT_MAX_VALUE_BYTES));
        b.timeout(duration("timeout", RedisSettings.DEFAULT_TIMEOUT));
        path("truststore", RedisMessages.BAD_TRUSTSTORE).ifPresent(b::truststore);
        str("truststore-password").ifPresent(b::truststorePassword);
        str("truststore-type").ifPresent(b::truststoreType);
        path("keystore", RedisMessages.BAD_KEYSTORE).ifPresent(b::keystore);
        str("keystore-password").ifPresent(b::keystorePassword);
        str("keystore-type").ifPresent(b::keystoreType);
        b.poolSize(integer("pool-size", RedisSettings.DEFAULT_POOL_SIZE));
        b.acceptEvictingMaxmemoryPolicy(bool("accept-evicting-maxmemory-policy"));
        b.acceptUnverifiedMaxmemoryPolicy(bool("accept-unverified-maxmemory-policy"));
        shared(b);
        return b.build();
    }

    /**
     * The shared settings, through {@link StoreSettings}: the one reader of their keys. The pepper
     * is kept as configured (the validator checks it again with the same code, so a bad one is one
     * line); a skew that does not parse leaves the default and its problem.
     */
    private void shared(RedisSettings.Builder b) {
        List<String> shared = StoreSettings.problems(config);
        problems.addAll(shared);
        config.apply(StoreSettings.SECRET_PEPPER_KEY).ifPresent(b::secretPepper);
        b.devModeAllowUnpepperedDigests(StoreSettings.unpepperedAcknowledged(config));
        if (shared.isEmpty()) {
            b.jwtIdClockSkew(StoreSettings.read(config).jwtIdClockSkew());
        }
    }

    private Optional<String> str(String name) {
        return config.apply(RedisSettings.PREFIX + name).map(String::trim).filter(s -> !s.isEmpty());
    }

    private Optional<Path> path(String name, String id) {
        try {
            return str(name).map(Path::of);
        } catch (InvalidPathException e) {
            problems.add(id + " " + RedisSettings.PREFIX + name + " is not a valid file path");
            return Optional.empty();
        }
    }

    private List<URI> uris(String key, String value) {
        List<URI> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(new URI(part.trim()));
            } catch (URISyntaxException e) {
                // never echo the value: it may carry a password
                problems.add(RedisMessages.BAD_ENDPOINT + " " + key
                        + " has an entry that is not a valid URI; use rediss://host:port");
            }
        }
        return out;
    }

    private boolean bool(String name) {
        Optional<String> v = str(name);
        if (v.isEmpty()) {
            return false;
        }
        String s = v.get().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            problems.add(RedisMessages.BAD_BOOLEAN + " " + RedisSettings.PREFIX + name + " must be true or false");
            return false;
        }
        return s.equals("true");
    }

    private int integer(String name, int dflt) {
        Optional<String> v = str(name);
        try {
            return v.map(Integer::parseInt).orElse(dflt);
        } catch (NumberFormatException e) {
            problems.add((StoreSettings.MAX_VALUE_BYTES.equals(name) ? RedisMessages.BAD_MAX_VALUE_BYTES + " "
                    : "pool-size".equals(name)
                    ? RedisMessages.BAD_POOL_SIZE + " " : RedisMessages.BAD_DATABASE + " ") + RedisSettings.PREFIX
                    + name + " must be an integer");
            return dflt;
        }
    }

    private Duration duration(String name, Duration dflt) {
        Optional<String> v = str(name);
        try {
            return v.map(Duration::parse).orElse(dflt);
        } catch (DateTimeParseException e) {
            problems.add(RedisMessages.BAD_TIMEOUT + " " + RedisSettings.PREFIX + name
                    + " must be an ISO-8601 duration such as PT2S or PT0.5S");
            return dflt;
        }
    }

}
