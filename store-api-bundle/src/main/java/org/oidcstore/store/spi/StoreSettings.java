package org.oidcstore.store.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.StoreConfigurationException;

/**
 * The settings every backend shares, defined once: their keys, defaults and validation. Each
 * backend reads them through {@link #read} so that one configuration means the same on every tier.
 *
 * @param digest the digest of bearer secrets ({@value #SECRET_PEPPER_KEY})
 * @param jwtIdClockSkew how long past its expiry a JWT-ID marker is still kept
 *     ({@value #JWT_ID_CLOCK_SKEW_KEY})
 */
public record StoreSettings(SecretDigest digest, Duration jwtIdClockSkew) {

    /** One or more base64 peppers (at least 32 bytes each), comma-separated, newest first. */
    public static final String SECRET_PEPPER_KEY = "oidc.store.secret-pepper";
    /**
     * The period of a tier's expired-record sweep, where the tier schedules one (ISO-8601 duration;
     * {@code 0} or {@code PT0S} disables it): the JPA tier's GC. Spelled here so that every reader
     * and the composite's list of known keys spell it alike.
     */
    public static final String GC_INTERVAL_KEY = "oidc.store.gc.interval";
    /**
     * Acknowledges, by name, that bearer secrets are digested without a pepper (plain SHA-256):
     * anyone who can write to the database or Redis could then mint tokens. Development only.
     */
    public static final String DEV_MODE_ALLOW_UNPEPPERED_KEY = "oidc.store.dev-mode-allow-unpeppered-digests";
    /**
     * The clock skew between provider nodes that JWT-ID replay markers tolerate: every tier keeps a
     * marker this long past its expiry before it may reclaim it, so that a node whose clock lags
     * still sees the marker while, by its clock, the JWT is valid. ISO-8601 duration.
     */
    public static final String JWT_ID_CLOCK_SKEW_KEY = "oidc.store.jwt-id-clock-skew";

    /**
     * The last segment of every volatile tier's size limit ({@code oidc.store.memory.max-value-bytes},
     * {@code oidc.store.redis.max-value-bytes}): one name, measured alike by {@link ValueSize}.
     */
    public static final String MAX_VALUE_BYTES = "max-value-bytes";

    public static final Duration DEFAULT_JWT_ID_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration MAX_JWT_ID_CLOCK_SKEW = Duration.ofMinutes(10);

    public StoreSettings {
        java.util.Objects.requireNonNull(digest, "digest");
        java.util.Objects.requireNonNull(jwtIdClockSkew, "jwtIdClockSkew");
        if (jwtIdClockSkew.isNegative() || jwtIdClockSkew.compareTo(MAX_JWT_ID_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("jwtIdClockSkew must be between PT0S and " + MAX_JWT_ID_CLOCK_SKEW);
        }
    }

    /** Unpeppered digests and the default skew: for tests and tools, never for a deployment. */
    public static StoreSettings defaults() {
        return new StoreSettings(SecretDigest.unpeppered(), DEFAULT_JWT_ID_CLOCK_SKEW);
    }

    public StoreSettings withDigest(SecretDigest d) {
        return new StoreSettings(d, jwtIdClockSkew);
    }

    public StoreSettings withJwtIdClockSkew(Duration skew) {
        return new StoreSettings(digest, skew);
    }

    /**
     * Reads the shared settings.
     *
     * @param config looks a key up (MicroProfile Config semantics: empty when unset)
     * @throws StoreConfigurationException naming every problem, each line starting with its id
     */
    public static StoreSettings read(Function<String, Optional<String>> config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new StoreConfigurationException(String.join("\n", problems));
        }
        return new StoreSettings(SecretDigest.fromConfig(config.apply(SECRET_PEPPER_KEY)),
                skew(config).orElse(DEFAULT_JWT_ID_CLOCK_SKEW));
    }

    /** Every problem of the shared settings, each starting with its id; empty when valid. Pure. */
    public static List<String> problems(Function<String, Optional<String>> config) {
        List<String> out = new ArrayList<>();
        try {
            SecretDigest.fromConfig(config.apply(SECRET_PEPPER_KEY));
        } catch (StoreConfigurationException e) {
            out.add(e.getMessage());
        }
        try {
            skew(config);
        } catch (IllegalArgumentException e) {
            out.add("OIDCS-1013 " + JWT_ID_CLOCK_SKEW_KEY + " must be an ISO-8601 duration between PT0S and "
                    + MAX_JWT_ID_CLOCK_SKEW + " (default " + DEFAULT_JWT_ID_CLOCK_SKEW + ")");
        }
        String flag = config.apply(DEV_MODE_ALLOW_UNPEPPERED_KEY).orElse("false").trim();
        if (!flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
            out.add("OIDCS-1014 " + DEV_MODE_ALLOW_UNPEPPERED_KEY + " must be true or false");
        }
        return out;
    }

    /**
     * The unsafe shared setting the operator did not acknowledge: no pepper without
     * {@value #DEV_MODE_ALLOW_UNPEPPERED_KEY}{@code =true}. Pure; for deployment validation.
     */
    public static List<String> unsafeSettings(Function<String, Optional<String>> config) {
        boolean peppered = config.apply(SECRET_PEPPER_KEY).filter(v -> !v.isBlank()).isPresent();
        if (peppered || unpepperedAcknowledged(config)) {
            return List.of();
        }
        return List.of("no " + SECRET_PEPPER_KEY + " is set, so bearer secrets are digested with plain SHA-256 and"
                + " anyone who can write to the database or Redis can mint tokens; set it to `openssl rand -base64 32`"
                + " (development only: " + DEV_MODE_ALLOW_UNPEPPERED_KEY + "=true)");
    }

    /** Whether the operator acknowledged unpeppered digests by name. */
    public static boolean unpepperedAcknowledged(Function<String, Optional<String>> config) {
        return config.apply(DEV_MODE_ALLOW_UNPEPPERED_KEY).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }

    private static Optional<Duration> skew(Function<String, Optional<String>> config) {
        Optional<String> raw = config.apply(JWT_ID_CLOCK_SKEW_KEY).filter(v -> !v.isBlank());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = Duration.parse(raw.get().trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration", e);
        }
        if (d.isNegative() || d.compareTo(MAX_JWT_ID_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("out of range");
        }
        return Optional.of(d);
    }
}
