package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/** The composite finds the Redis safety check through ServiceLoader and it judges configuration alone. */
class ConfigSafetyCheckTest {

    private static ConfigSafetyCheck redisCheck() {
        return ServiceLoader.load(ConfigSafetyCheck.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.backend().equals("redis")).findFirst().orElseThrow();
    }

    private static Function<String, Optional<String>> config(Map<String, String> m) {
        return k -> Optional.ofNullable(m.get(k));
    }

    @Test
    void plaintextWithoutDevModeIsUnsafeAndTheMessageHasNoPassword() {
        var unsafe = redisCheck().unsafeSettings(config(Map.of("oidc.store.redis.uri", "redis://127.0.0.1:6380",
                "oidc.store.redis.password", "pw-do-not-print")));
        assertThat(unsafe).isNotEmpty().allSatisfy(s -> assertThat(s).doesNotContain("pw-do-not-print"));
    }

    @Test
    void tlsWithAuthOrAcknowledgedDevModeIsSafe() {
        assertThat(redisCheck().unsafeSettings(config(Map.of("oidc.store.redis.uri", "rediss://localhost:6390",
                "oidc.store.redis.user", "u", "oidc.store.redis.password", "p")))).isEmpty();
        assertThat(redisCheck().unsafeSettings(config(Map.of("oidc.store.redis.uri", "redis://127.0.0.1:6380",
                "oidc.store.redis.dev-mode-allow-plaintext", "true")))).isEmpty();
        assertThat(redisCheck().unsafeSettings(config(Map.of()))).as("Redis not configured").isEmpty();
    }

    @Test
    void aTlsEndpointWithoutAuthIsUnsafe() {
        assertThat(redisCheck().unsafeSettings(config(Map.of("oidc.store.redis.uri", "rediss://localhost:6390"))))
                .isNotEmpty();
    }
}
