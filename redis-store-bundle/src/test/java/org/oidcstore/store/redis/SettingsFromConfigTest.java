package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.support.TestServers;
import org.oidcstore.store.spi.StoreSettings;

/** {@code RedisSettings.fromConfig} and the pure {@code unsafeSettings(Config)} on MicroProfile Config. */
class SettingsFromConfigTest {

    static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    /** {@code values} with a pepper, as a deployment must have (else the unpeppered sentence is reported too). */
    static Config peppered(Map<String, String> values) {
        Map<String, String> m = new java.util.HashMap<>(values);
        m.put(StoreSettings.SECRET_PEPPER_KEY, TestServers.PEPPER);
        return config(m);
    }

    @Test
    void everySettingIsRead() {
        RedisSettings s = RedisSettings.fromConfig(config(Map.ofEntries(
                Map.entry("oidc.store.redis.uri", "rediss://redis.example:6390/3"),
                Map.entry("oidc.store.redis.user", "oidc"),
                Map.entry("oidc.store.redis.password", "pw"),
                Map.entry("oidc.store.redis.key-prefix", "tenant-a:"),
                Map.entry("oidc.store.redis.max-value-bytes", "2048"),
                Map.entry("oidc.store.redis.timeout", "PT0.5S"),
                Map.entry("oidc.store.redis.pool-size", "8"),
                Map.entry("oidc.store.redis.accept-evicting-maxmemory-policy", "true"),
                Map.entry("oidc.store.secret-pepper", "c2VjcmV0LXBlcHBlci1vZi10aGlydHktdHdvLWJ5dGVzLSEh"))));
        assertThat(s.topology()).isEqualTo(RedisTopology.STANDALONE);
        assertThat(s.nodes()).containsExactly(URI.create("rediss://redis.example:6390/3"));
        assertThat(s.database()).isEqualTo(3);
        assertThat(s.tls()).isTrue();
        assertThat(s.user()).isEqualTo("oidc");
        assertThat(s.keyPrefix()).isEqualTo("tenant-a:");
        assertThat(s.maxValueBytes()).isEqualTo(2048);
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.poolSize()).isEqualTo(8);
        assertThat(s.acceptEvictingMaxmemoryPolicy()).isTrue();
        assertThat(s.devModeAllowPlaintext()).isFalse();
        assertThat(s.devModeAllowNoAuth()).isFalse();
        assertThat(s.acceptUnverifiedMaxmemoryPolicy()).isFalse();
        assertThat(s.truststore()).isNull();
    }

    @Test
    void defaultsApply() {
        RedisSettings s = RedisSettings.fromConfig(config(Map.of("oidc.store.redis.uri", "rediss://h:1",
                "oidc.store.redis.password", "pw")));
        assertThat(s.keyPrefix()).isEqualTo(RedisSettings.DEFAULT_KEY_PREFIX);
        assertThat(s.maxValueBytes()).isEqualTo(RedisSettings.DEFAULT_MAX_VALUE_BYTES);
        assertThat(s.timeout()).isEqualTo(RedisSettings.DEFAULT_TIMEOUT);
        assertThat(s.poolSize()).isEqualTo(RedisSettings.DEFAULT_POOL_SIZE);
        assertThat(s.database()).isZero();
    }

    @Test
    void sentinelAndClusterAreChosenByTheirSettings() {
        RedisSettings sentinel = RedisSettings.fromConfig(config(Map.of(
                "oidc.store.redis.sentinel.master", "m", "oidc.store.redis.sentinel.nodes",
                "rediss://s1:26379, rediss://s2:26379", "oidc.store.redis.sentinel.database", "2",
                "oidc.store.redis.sentinel.password", "spw", "oidc.store.redis.password", "pw")));
        assertThat(sentinel.topology()).isEqualTo(RedisTopology.SENTINEL);
        assertThat(sentinel.nodes()).hasSize(2);
        assertThat(sentinel.database()).isEqualTo(2);
        RedisSettings cluster = RedisSettings.fromConfig(config(Map.of("oidc.store.redis.cluster.nodes",
                "rediss://c1:7001,rediss://c2:7002", "oidc.store.redis.password", "pw")));
        assertThat(cluster.topology()).isEqualTo(RedisTopology.CLUSTER);
    }

    @Test
    void parseErrorsAndRuleViolationsAreReportedTogether() {
        Config c = config(Map.of("oidc.store.redis.uri", "redis://h:1", "oidc.store.redis.cluster.nodes",
                "rediss://c:7001", "oidc.store.redis.max-value-bytes", "lots", "oidc.store.redis.timeout", "2 seconds",
                "oidc.store.redis.dev-mode-allow-plaintext", "yes", "oidc.store.redis.truststore",
                Path.of("target", "no-such-truststore.p12").toString()));
        assertThatThrownBy(() -> RedisSettings.fromConfig(c)).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1402").hasMessageContaining("OIDCS-1412")
                .hasMessageContaining("OIDCS-1413").hasMessageContaining("OIDCS-1418")
                .hasMessageContaining("OIDCS-1404").hasMessageContaining("OIDCS-1405")
                .hasMessageContaining("OIDCS-1415");
        assertThatThrownBy(() -> RedisSettings.fromConfig(config(Map.of())))
                .hasMessageContaining("OIDCS-1401");
        assertThatThrownBy(() -> RedisSettings.fromConfig(config(Map.of("oidc.store.redis.sentinel.nodes",
                "rediss://s:26379", "oidc.store.redis.password", "pw")))).hasMessageContaining("OIDCS-1409");
    }

    @Test
    void anUnparsableUriIsNeverEchoed() {
        Config c = config(Map.of("oidc.store.redis.uri", "rediss://user:pa ss^word@host:1"));
        assertThatThrownBy(() -> RedisSettings.fromConfig(c)).hasMessageContaining("OIDCS-1403")
                .hasMessageNotContaining("pa ss^word");
    }

    @Test
    void theSharedSettingsAreReadThroughTheStoreApisReader() {
        RedisSettings dflt = RedisSettings.fromConfig(peppered(Map.of("oidc.store.redis.uri", "rediss://h:1",
                "oidc.store.redis.password", "pw")));
        assertThat(dflt.jwtIdClockSkew()).isEqualTo(StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW);
        assertThat(dflt.secretPepper()).isEqualTo(TestServers.PEPPER);
        assertThat(dflt.devModeAllowUnpepperedDigests()).isFalse();
        RedisSettings s = RedisSettings.fromConfig(config(Map.of("oidc.store.redis.uri", "rediss://h:1",
                "oidc.store.redis.password", "pw", StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "PT2M",
                StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "TRUE")));
        assertThat(s.jwtIdClockSkew()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.devModeAllowUnpepperedDigests()).isTrue();
        assertThat(s.secretPepper()).isNull();
    }

    /** A bad shared setting fails the start with the line every backend and the composite report, once. */
    @Test
    void aBadSharedSettingIsRefusedWithTheStoreApisLineOnce() {
        Map<String, String> keys = Map.of("oidc.store.redis.uri", "rediss://h:1", "oidc.store.redis.password", "pw",
                StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "PT11M", StoreSettings.SECRET_PEPPER_KEY, "not base64!",
                StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "maybe");
        List<String> shared = StoreSettings.problems(k -> java.util.Optional.ofNullable(keys.get(k)));
        assertThat(shared).hasSize(3);
        assertThatThrownBy(() -> RedisSettings.fromConfig(config(keys))).isInstanceOf(StoreConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().filter(l -> l.startsWith("OIDCS-")))
                        .containsExactlyElementsOf(shared))
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> RedisSettings.builder().standalone(URI.create("rediss://h:1")).password("pw")
                .jwtIdClockSkew(Duration.ofMinutes(11)).build().validate())
                .hasMessageContaining("OIDCS-1013 " + StoreSettings.JWT_ID_CLOCK_SKEW_KEY);
    }

    @Test
    void unsafeSettingsIsPureAndHonoursDevMode() {
        assertThat(RedisSettings.unsafeSettings(peppered(Map.of("oidc.store.redis.uri", "redis://h:1"))))
                .hasSize(2).anyMatch(m -> m.startsWith("OIDCS-1460")).anyMatch(m -> m.startsWith("OIDCS-1461"));
        assertThat(RedisSettings.unsafeSettings(peppered(Map.of("oidc.store.redis.cluster.nodes",
                "rediss://c:1,redis://c:2", "oidc.store.redis.password", "x"))))
                .singleElement().asString().startsWith("OIDCS-1460");
        assertThat(RedisSettings.unsafeSettings(peppered(Map.of("oidc.store.redis.uri", "redis://h:1",
                "oidc.store.redis.dev-mode-allow-plaintext", "true")))).singleElement().asString()
                .startsWith("OIDCS-1461");
        assertThat(RedisSettings.unsafeSettings(peppered(Map.of("oidc.store.redis.uri", "redis://h:1",
                "oidc.store.redis.dev-mode-allow-plaintext", "true",
                "oidc.store.redis.dev-mode-allow-no-auth", "true")))).isEmpty();
        assertThat(RedisSettings.unsafeSettings(peppered(Map.of("oidc.store.redis.uri", "rediss://h:1",
                "oidc.store.redis.password", "x")))).isEmpty();
        assertThat(RedisSettings.unsafeSettings(config(Map.of()))).as("nothing configured: nothing unsafe")
                .isEqualTo(List.of());
    }
}
