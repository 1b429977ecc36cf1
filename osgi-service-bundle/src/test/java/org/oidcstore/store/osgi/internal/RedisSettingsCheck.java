package org.oidcstore.store.osgi.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * Test-only stand-in for what the Redis bundle's {@code ConfigSafetyCheck.problems} is planned to
 * report: the settings the Redis tier would refuse at start (its {@code OIDCS-14xx} lines), found
 * without connecting. Registered for the backend {@code redis} next to the bundle's own check (which
 * answers the unsafe settings); identical lines from both are reported once.
 */
public final class RedisSettingsCheck implements ConfigSafetyCheck {
    /** The Redis keys the tier reads, with the pepper; enough to rebuild its settings from a lookup. */
    private static final List<String> KEYS = Stream.concat(Stream.of("oidc.store.secret-pepper"), Stream.of("uri",
            "sentinel.master", "sentinel.nodes", "sentinel.database", "sentinel.user", "sentinel.password",
            "cluster.nodes", "user", "password", "dev-mode-allow-plaintext", "dev-mode-allow-no-auth", "key-prefix",
            "max-value-bytes", "timeout", "pool-size", "truststore", "truststore-password", "truststore-type",
            "keystore", "keystore-password", "keystore-type", "accept-evicting-maxmemory-policy")
            .map(k -> RedisSettings.PREFIX + k)).toList();

    @Override
    public String backend() {
        return "redis";
    }

    @Override
    public List<String> unsafeSettings(Function<String, Optional<String>> config) {
        return List.of();
    }

    @Override
    public List<String> problems(Function<String, Optional<String>> config) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        KEYS.forEach(k -> config.apply(k).ifPresent(v -> values.put(k, v)));
        if (values.keySet().stream().noneMatch(k -> k.startsWith(RedisSettings.PREFIX))) {
            return List.of();
        }
        try {
            RedisSettings.fromConfig(new DictionaryConfig(values));
            return List.of();
        } catch (StoreConfigurationException e) {
            return Arrays.stream(e.getMessage().split("\n")).filter(l -> l.startsWith("OIDCS-")).toList();
        }
    }
}
