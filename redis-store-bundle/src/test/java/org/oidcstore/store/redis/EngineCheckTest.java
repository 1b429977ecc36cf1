package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.support.LogCapture;
import org.oidcstore.store.redis.support.RedisServerProcess;
import org.oidcstore.store.redis.support.TestServers;

/**
 * The start-up check of {@code maxmemory-policy}, on throwaway servers this test starts: an
 * evicting policy stops the start unless explicitly accepted; a server that hides the setting stops
 * it too outside dev mode, unless that is accepted by name (a warning then, as in dev mode). The
 * check after a topology change: {@code TopologyRecheckTest}.
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
                try (RedisStore store = RedisStores.open(s, Clock.systemUTC())) {
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
            try (RedisStore store = RedisStores.open(settings(server).build())) {
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
             RedisStore store = RedisStores.open(settings(server).devModeAllowPlaintext(true).build())) {
            assertThat(store.kinds()).isNotEmpty();
            assertThat(log.warnings()).noneMatch(m -> m.startsWith("OIDCS-144"));
        }
    }

    /** Outside dev mode: TLS, AUTH, no flag. */
    private static RedisSettings.Builder production(RedisServerProcess tlsServer) {
        return RedisSettings.builder().standalone(tlsServer.uri()).password(RedisServerProcess.PASSWORD)
                .truststore(TestServers.truststore()).truststorePassword(TestServers.STORE_PASSWORD)
                .keyPrefix("oidctest:engine:").timeout(Duration.ofSeconds(5));
    }

    private static RedisServerProcess tlsServerHidingThePolicy() {
        return RedisServerProcess.startTls("--rename-command", "CONFIG", "", "--rename-command", "INFO", "",
                "--maxmemory-policy", "noeviction");
    }

    @Test
    void outsideDevModeAPolicyThatCannotBeReadIsAStartUpErrorNamingTheFlag() {
        try (RedisServerProcess server = tlsServerHidingThePolicy()) {
            assertThatThrownBy(() -> RedisStores.open(production(server).build()))
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("OIDCS-1443 the maxmemory-policy of Redis 127.0.0.1:" + server.port()
                            + " cannot be read")
                    .hasMessageContaining("+info")
                    .hasMessageContaining("oidc.store.redis.accept-unverified-maxmemory-policy=true");
        }
    }

    @Test
    void theUnverifiedFlagAcceptsAPolicyThatCannotBeReadWithAWarningAtEveryStart() {
        try (RedisServerProcess server = tlsServerHidingThePolicy(); LogCapture log = LogCapture.redisTier()) {
            RedisSettings s = production(server).acceptUnverifiedMaxmemoryPolicy(true).build();
            for (int start = 0; start < 2; start++) {
                try (RedisStore store = RedisStores.open(s, Clock.systemUTC())) {
                    assertThat(store.consumedJwtIds().isMarked("jti")).isFalse();
                }
            }
            assertThat(log.warnings()).filteredOn(m -> m.startsWith("OIDCS-1441")).hasSize(2)
                    .allMatch(m -> m.contains("oidc.store.redis.accept-unverified-maxmemory-policy=true"));
        }
    }

    @Test
    void acceptingAnEvictingPolicyAlsoAcceptsOneThatCannotBeRead() {
        try (RedisServerProcess server = tlsServerHidingThePolicy(); LogCapture log = LogCapture.redisTier();
             RedisStore store = RedisStores.open(production(server).acceptEvictingMaxmemoryPolicy(true).build())) {
            assertThat(store.consumedJwtIds().isMarked("jti")).isFalse();
            assertThat(log.warnings()).anyMatch(m -> m.startsWith("OIDCS-1441")
                    && m.contains("oidc.store.redis.accept-evicting-maxmemory-policy=true"));
        }
    }

    @Test
    void theUnverifiedFlagDoesNotAcceptAPolicyThatIsReadAndEvicting() {
        try (RedisServerProcess server = RedisServerProcess.startTls("--maxmemory-policy", "allkeys-lfu")) {
            assertThatThrownBy(() -> RedisStores.open(production(server).acceptUnverifiedMaxmemoryPolicy(true).build()))
                    .isInstanceOf(StoreConfigurationException.class).hasMessageStartingWith("OIDCS-1440")
                    .hasMessageContaining("allkeys-lfu");
        }
    }
}
