package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.support.LogCapture;
import org.oidcstore.store.redis.support.RedisServerProcess;

/**
 * The start-up check of {@code maxmemory-policy}, on throwaway servers this test starts: an
 * evicting policy stops the start unless explicitly accepted; a server that hides the setting
 * produces a warning, not a failure.
 */
class EngineCheckTest {

    private static RedisSettings.Builder settings(RedisServerProcess server) {
        return RedisSettings.builder().standalone(server.uri()).password(RedisServerProcess.PASSWORD)
                .devModeAllowPlaintext(true).keyPrefix("oidctest:engine:").timeout(Duration.ofSeconds(5));
    }

    @Test
    void anEvictingPolicyIsAStartUpErrorNamingTheSettingAndTheFlag() {
        try (RedisServerProcess server = RedisServerProcess.start("--maxmemory-policy", "allkeys-lru")) {
            assertThatThrownBy(() -> RedisStores.open(settings(server).build()))
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageContaining("OIDCS-1440")
                    .hasMessageContaining("maxmemory-policy allkeys-lru")
                    .hasMessageContaining("noeviction")
                    .hasMessageContaining("oidc.store.redis.accept-evicting-maxmemory-policy=true");
        }
    }

    @Test
    void theExplicitFlagAcceptsAnEvictingPolicyWithAWarningAtEveryStart() {
        try (RedisServerProcess server = RedisServerProcess.start("--maxmemory-policy", "volatile-ttl");
             LogCapture log = LogCapture.redisTier()) {
            RedisSettings s = settings(server).acceptEvictingMaxmemoryPolicy(true).build();
            for (int start = 0; start < 2; start++) {
                try (RedisOidcStore store = RedisStores.open(s, Clock.systemUTC())) {
                    store.consumedJwtIds().mark("jti-" + start, java.time.Instant.now().plusSeconds(60));
                    assertThat(store.consumedJwtIds().isMarked("jti-" + start)).isTrue();
                }
            }
            assertThat(log.warnings()).filteredOn(m -> m.startsWith("OIDCS-1442")).hasSize(2)
                    .allMatch(m -> m.contains("volatile-ttl"));
        }
    }

    @Test
    void withConfigDisabledThePolicyIsStillReadFromInfo() {
        try (RedisServerProcess server = RedisServerProcess.start("--rename-command", "CONFIG", "",
                "--maxmemory-policy", "allkeys-random")) {
            assertThatThrownBy(() -> RedisStores.open(settings(server).build()))
                    .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1440")
                    .hasMessageContaining("allkeys-random");
        }
    }

    @Test
    void aServerHidingThePolicyStartsWithAWarningThatItCouldNotBeVerified() {
        try (RedisServerProcess server = RedisServerProcess.start("--rename-command", "CONFIG", "",
                "--rename-command", "INFO", "", "--maxmemory-policy", "allkeys-lru");
             LogCapture log = LogCapture.redisTier()) {
            try (RedisOidcStore store = RedisStores.open(settings(server).build())) {
                store.consumedJwtIds().mark("jti", java.time.Instant.now().plusSeconds(60));
                assertThat(store.consumedJwtIds().isMarked("jti")).isTrue();
            }
            assertThat(log.warnings()).anyMatch(m -> m.startsWith("OIDCS-1441") && m.contains("could not be verified"));
        }
    }

    @Test
    void noevictionStartsSilently() {
        try (RedisServerProcess server = RedisServerProcess.start("--maxmemory-policy", "noeviction");
             LogCapture log = LogCapture.redisTier();
             RedisOidcStore store = RedisStores.open(settings(server).devModeAllowPlaintext(true).build())) {
            assertThat(store.kinds()).isNotEmpty();
            assertThat(log.warnings()).noneMatch(m -> m.startsWith("OIDCS-144"));
        }
    }
}
