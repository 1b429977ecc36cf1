package org.oidcstore.it.weld.support;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * Test-only stand-in for the problems the Redis bundle's {@code ConfigSafetyCheck} is planned to
 * report at deployment: the settings the Redis tier refuses at start (its {@code OIDCS-14xx} lines),
 * found without connecting. It answers only when {@value #SWITCH}{@code =true}, so that the other
 * deployments see the bundle's own check alone; identical lines from both are reported once.
 */
public final class RedisSettingsCheck implements ConfigSafetyCheck {
    public static final String SWITCH = "oidc.it.judge-redis-settings";
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
        if (!config.apply(SWITCH).map(Boolean::parseBoolean).orElse(false)) {
            return List.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        KEYS.forEach(k -> config.apply(k).ifPresent(v -> values.put(k, v)));
        try {
            RedisSettings.fromConfig(new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(values, "redis settings", 100)).build());
            return List.of();
        } catch (StoreConfigurationException e) {
            return Arrays.stream(e.getMessage().split("\n")).filter(l -> l.startsWith("OIDCS-")).toList();
        }
    }
}
