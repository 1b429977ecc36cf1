package org.oidcstore.store.redis.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * Tells the composite's deployment validation, from configuration alone, which Redis settings are
 * unsafe (plaintext without {@code oidc.store.redis.dev-mode-allow-plaintext}; no AUTH, on the data
 * nodes or the sentinels, without {@code oidc.store.redis.dev-mode-allow-no-auth}): exactly what
 * the store refuses at start. And which weakening flags the operator set, for a warning at
 * deployment. Registered in {@code META-INF/services}; never connects.
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

    @Override
    public List<String> acknowledgedRisks(Function<String, Optional<String>> config) {
        return SettingsReader.acknowledged(config);
    }
}
