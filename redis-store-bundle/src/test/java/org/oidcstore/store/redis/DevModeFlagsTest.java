package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.support.LogCapture;
import org.oidcstore.store.redis.support.RedisServerProcess;
import org.oidcstore.store.redis.support.TestServers;

/**
 * The two dev-mode flags are separate: {@code dev-mode-allow-plaintext} allows {@code redis://}
 * only, {@code dev-mode-allow-no-auth} allows connecting without credentials only; each logs its
 * own warning at every start, eager or lazy.
 */
class DevModeFlagsTest {

    private static RedisSettings.Builder plaintextWithoutPassword() {
        return RedisSettings.builder().standalone(URI.create("redis://127.0.0.1:6380")).secretPepper(TestServers.PEPPER);
    }

    private static String problemsOf(RedisSettings s) {
        try {
            s.validate();
            return "";
        } catch (StoreConfigurationException e) {
            return e.getMessage();
        }
    }

    @Test
    void thePlaintextFlagAllowsRedisUrlsButNotAConnectionWithoutCredentials() {
        RedisSettings s = plaintextWithoutPassword().devModeAllowPlaintext(true).build();
        assertThat(problemsOf(s)).contains("OIDCS-1405").contains("oidc.store.redis.dev-mode-allow-no-auth=true")
                .doesNotContain("OIDCS-1404");
        assertThat(s.unsafeSettings()).singleElement().asString().startsWith("OIDCS-1461")
                .contains("oidc.store.redis.dev-mode-allow-no-auth");
    }

    @Test
    void theNoAuthFlagAllowsNoCredentialsButNotPlaintext() {
        RedisSettings s = plaintextWithoutPassword().devModeAllowNoAuth(true).build();
        assertThat(problemsOf(s)).contains("OIDCS-1404").contains("oidc.store.redis.dev-mode-allow-plaintext=true")
                .doesNotContain("OIDCS-1405");
        assertThat(s.unsafeSettings()).singleElement().asString().startsWith("OIDCS-1460");
        RedisSettings tls = RedisSettings.builder().standalone(URI.create("rediss://redis.example:6390"))
                .devModeAllowNoAuth(true).secretPepper(TestServers.PEPPER).build();
        assertThat(problemsOf(tls)).isEmpty();
        assertThat(tls.unsafeSettings()).isEmpty();
    }

    @Test
    void sentinelsWithoutAuthNeedTheNoAuthFlagNotThePlaintextOne() {
        RedisSettings.Builder b = RedisSettings.builder().sentinel("m", List.of(URI.create("redis://s:26379")))
                .password("pw").devModeAllowPlaintext(true).secretPepper(TestServers.PEPPER);
        assertThat(problemsOf(b.build())).contains("OIDCS-1417").contains("oidc.store.redis.dev-mode-allow-no-auth");
        assertThat(b.build().unsafeSettings()).singleElement().asString().startsWith("OIDCS-1462");
        assertThat(problemsOf(b.devModeAllowNoAuth(true).build())).isEmpty();
        assertThat(b.devModeAllowNoAuth(true).build().unsafeSettings()).isEmpty();
    }

    @Test
    void bothFlagsAreReadFromConfigurationAndNeedTrueOrFalse() {
        RedisSettings s = RedisSettings.fromConfig(SettingsFromConfigTest.config(Map.of(
                "oidc.store.redis.uri", "redis://h:1", "oidc.store.redis.dev-mode-allow-plaintext", "true",
                "oidc.store.redis.dev-mode-allow-no-auth", "true")));
        assertThat(s.devModeAllowPlaintext()).isTrue();
        assertThat(s.devModeAllowNoAuth()).isTrue();
        assertThatThrownBy(() -> RedisSettings.fromConfig(SettingsFromConfigTest.config(Map.of(
                "oidc.store.redis.uri", "rediss://h:1", "oidc.store.redis.dev-mode-allow-no-auth", "yes"))))
                .hasMessageContaining("OIDCS-1418 oidc.store.redis.dev-mode-allow-no-auth must be true or false")
                .hasMessageContaining("OIDCS-1405");
    }

    @Test
    void eachFlagWarnsWithItsOwnIdAtEveryStartEagerOrLazy() {
        try (RedisServerProcess server = RedisServerProcess.startWithoutPassword();
             LogCapture log = LogCapture.redisTier()) {
            RedisSettings s = RedisSettings.builder().standalone(server.uri()).devModeAllowPlaintext(true)
                    .devModeAllowNoAuth(true).keyPrefix("oidctest:devmode:").timeout(Duration.ofSeconds(5)).build();
            try (RedisStore eager = RedisStores.open(s, Clock.systemUTC())) {
                eager.consumedJwtIds().mark("jti-eager", Instant.now().plusSeconds(60));
            }
            try (RedisStore lazy = RedisStores.openAtFirstUse(s, Clock.systemUTC())) {
                assertThat(log.warnings()).filteredOn(m -> m.startsWith("OIDCS-1421"))
                        .as("the lazy store warns when it starts, at its first operation").hasSize(1);
                lazy.consumedJwtIds().mark("jti-lazy", Instant.now().plusSeconds(60));
                assertThat(lazy.consumedJwtIds().isMarked("jti-lazy")).isTrue();
            }
            assertThat(log.warnings()).filteredOn(m -> m.startsWith("OIDCS-1421")).hasSize(2)
                    .allMatch(m -> m.contains("oidc.store.redis.dev-mode-allow-plaintext=true"));
            assertThat(log.warnings()).filteredOn(m -> m.startsWith("OIDCS-1422")).hasSize(2)
                    .allMatch(m -> m.contains("oidc.store.redis.dev-mode-allow-no-auth=true"));
        }
    }

    @Test
    void onlyTheFlagThatIsSetWarns() {
        try (RedisServerProcess server = RedisServerProcess.start();
             LogCapture log = LogCapture.redisTier()) {
            RedisSettings s = RedisSettings.builder().standalone(server.uri()).password(RedisServerProcess.PASSWORD)
                    .devModeAllowPlaintext(true).keyPrefix("oidctest:devmode:").timeout(Duration.ofSeconds(5)).build();
            try (RedisStore store = RedisStores.open(s, Clock.systemUTC())) {
                assertThat(store.consumedJwtIds().isMarked("x")).isFalse();
            }
            assertThat(log.warnings()).anyMatch(m -> m.startsWith("OIDCS-1421"))
                    .noneMatch(m -> m.startsWith("OIDCS-1422")).noneMatch(m -> m.contains(RedisServerProcess.PASSWORD));
        }
    }
}
