package org.oidcstore.store.redis;

import java.time.Clock;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;
import org.oidcstore.store.redis.internal.EngineHolder;
import org.oidcstore.store.redis.internal.RedisAggregate;
import org.oidcstore.store.redis.internal.RedisEngine;

/**
 * Programmatic entry point (Java SE, OSGi without CDI). In CDI the bundle produces the
 * {@code @Volatile} beans itself.
 *
 * <pre>{@code
 * try (RedisStore redis = RedisStores.open(RedisSettings.builder()
 *         .standalone(URI.create("rediss://redis.example:6380/0"))
 *         .user("oidc").password(secret).truststore(Path.of("ca.p12")).truststorePassword(pw)
 *         .build())) {
 *     redis.consumedJwtIds().mark("dpop:" + jkt + ":" + jti, exp);
 * }
 * }</pre>
 */
public final class RedisStores {
    private RedisStores() {
    }

    /** {@link #open(RedisSettings, Clock)} with the UTC system clock. */
    public static RedisStore open(RedisSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /**
     * Validates, connects, checks the server and returns a started store: a problem shows now,
     * not at the first request.
     *
     * @throws org.oidcstore.store.StoreConfigurationException for invalid or unsafe settings, refused
     *     credentials, a failed TLS handshake or an evicting {@code maxmemory-policy}
     * @throws org.oidcstore.store.StoreUnavailableException when Redis does not answer within the timeout
     */
    public static RedisStore open(RedisSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        RedisEngine engine = RedisEngine.start(settings);
        return new RedisAggregate(new EngineHolder(engine), clock, settings::unsafeSettings);
    }

    /**
     * A store that validates and connects at its first operation (and retries at the next one when
     * that fails). {@code unsafeSettings()} answers without connecting.
     */
    public static RedisStore openAtFirstUse(RedisSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        return new RedisAggregate(new EngineHolder(() -> settings), clock, settings::unsafeSettings);
    }

    /**
     * A store configured as a deployment configures it, what the CDI producer returns: it reads and
     * validates {@code oidc.store.redis.*} and connects at its first operation (and retries at the
     * next one when that fails), so creating it never fails. {@code unsafeSettings()} answers from
     * the configuration without connecting.
     */
    public static RedisStore fromConfig(Config config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        return new RedisAggregate(new EngineHolder(() -> RedisSettings.fromConfig(config)), clock,
                () -> RedisSettings.unsafeSettings(config));
    }
}
