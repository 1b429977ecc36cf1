package org.oidcstore.store.redis.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * Tells the composite's deployment validation, from configuration alone, whether the Redis
 * settings are unsafe (plaintext or no AUTH without {@code oidc.store.redis.dev-mode-allow-plaintext}).
 * Registered in {@code META-INF/services}; never connects.
 */
public final class RedisConfigSafetyCheck implements ConfigSafetyCheck {

    @Override
    public String backend() {
        return "redis";
    }

    @Override
    public List<String> unsafeSettings(Function<String, Optional<String>> config) {
        return SettingsReader.unsafe(config);
    }
}
