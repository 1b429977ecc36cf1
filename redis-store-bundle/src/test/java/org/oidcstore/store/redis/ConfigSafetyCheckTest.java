package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.support.TestServers;
import org.oidcstore.store.spi.ConfigSafetyCheck;
import org.oidcstore.store.spi.StoreSettings;

/** The composite finds the Redis safety check through ServiceLoader and it judges configuration alone. */
class ConfigSafetyCheckTest {

    private static ConfigSafetyCheck redisCheck() {
        return ServiceLoader.load(ConfigSafetyCheck.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.backend().equals("redis")).findFirst().orElseThrow();
    }

    private static final String PEPPER_KEY = StoreSettings.SECRET_PEPPER_KEY;
    private static final String PEPPER = TestServers.PEPPER;
    /** The sentence every backend reports for unpeppered digests, as the store API words it. */
    private static final List<String> UNPEPPERED = StoreSettings.unsafeSettings(k -> Optional.empty());

    private static Function<String, Optional<String>> config(Map<String, String> m) {
        return k -> Optional.ofNullable(m.get(k));
    }

    /**
     * Without a pepper, and without its acknowledgement by name, the check, the settings read from
     * Config, a lazy store and programmatic settings all report the store API's own sentence,
     * unchanged (the composite recognises it and reports it once, as OIDCS-2061); with a pepper or
     * the acknowledgement, none of them does.
     */
    @Test
    void unpepperedDigestsAreReportedWithTheSharedSentenceUnlessAcknowledged() {
        Map<String, String> safe = Map.of("oidc.store.redis.uri", "rediss://h:1", "oidc.store.redis.password", "pw");
        assertThat(UNPEPPERED).singleElement();
        assertThat(everyEntryPoint(safe, RedisSettings.builder().standalone(URI.create("rediss://h:1")).password("pw")))
                .allSatisfy(answer -> assertThat(answer).isEqualTo(UNPEPPERED));
        assertThat(everyEntryPoint(with(safe, PEPPER_KEY, PEPPER), RedisSettings.builder()
                .standalone(URI.create("rediss://h:1")).password("pw").secretPepper(PEPPER)))
                .allSatisfy(answer -> assertThat(answer).isEmpty());
        assertThat(everyEntryPoint(with(safe, StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "true"),
                RedisSettings.builder().standalone(URI.create("rediss://h:1")).password("pw")
                        .devModeAllowUnpepperedDigests(true)))
                .allSatisfy(answer -> assertThat(answer).isEmpty());
    }

    /** What the check, {@code unsafeSettings(Config)}, a lazy store and the built settings answer. */
    private static List<List<String>> everyEntryPoint(Map<String, String> keys, RedisSettings.Builder equivalent) {
        var mpConfig = SettingsFromConfigTest.config(keys);
        try (RedisStore lazy = RedisStores.fromConfig(mpConfig, Clock.systemUTC())) {
            return List.of(redisCheck().unsafeSettings(config(keys)), RedisSettings.unsafeSettings(mpConfig),
                    lazy.unsafeSettings(), equivalent.build().unsafeSettings());
        }
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
                "oidc.store.redis.user", "u", "oidc.store.redis.password", "p", PEPPER_KEY, PEPPER)))).isEmpty();
        assertThat(redisCheck().unsafeSettings(config(Map.of("oidc.store.redis.uri", "redis://127.0.0.1:6380",
                "oidc.store.redis.dev-mode-allow-plaintext", "true",
                "oidc.store.redis.dev-mode-allow-no-auth", "true", PEPPER_KEY, PEPPER)))).isEmpty();
        assertThat(redisCheck().unsafeSettings(config(Map.of()))).as("Redis not configured").isEmpty();
    }

    @Test
    void aTlsEndpointWithoutAuthIsUnsafe() {
        assertThat(redisCheck().unsafeSettings(config(Map.of("oidc.store.redis.uri", "rediss://localhost:6390"))))
                .isNotEmpty();
    }

    @Test
    void aBlankPasswordIsNoPasswordForTheCheckAsForTheStart() {
        assertThat(redisCheck().unsafeSettings(config(Map.of("oidc.store.redis.uri", "rediss://h:1",
                "oidc.store.redis.password", "")))).anyMatch(m -> m.startsWith("OIDCS-1461"));
    }

    @Test
    void sentinelsWithoutAuthAreUnsafeOutsideTheNoAuthDevMode() {
        Map<String, String> sentinel = Map.of("oidc.store.redis.sentinel.master", "m",
                "oidc.store.redis.sentinel.nodes", "rediss://s1:26379,rediss://s2:26379",
                "oidc.store.redis.password", "pw-do-not-print", PEPPER_KEY, PEPPER);
        assertThat(redisCheck().unsafeSettings(config(sentinel))).singleElement().asString()
                .startsWith("OIDCS-1462").contains("oidc.store.redis.sentinel.password")
                .contains("oidc.store.redis.dev-mode-allow-no-auth").doesNotContain("pw-do-not-print");
    }

    @Test
    void acknowledgedRisksNameEveryFlagThatIsSetAndNothingElse() {
        assertThat(redisCheck().acknowledgedRisks(config(Map.of("oidc.store.redis.uri", "rediss://h:1",
                "oidc.store.redis.password", "pw")))).isEmpty();
        assertThat(redisCheck().acknowledgedRisks(config(Map.of("oidc.store.redis.uri", "rediss://h:1",
                "oidc.store.redis.password", "pw", "oidc.store.redis.dev-mode-allow-plaintext", "false")))).isEmpty();
        List<String> risks = redisCheck().acknowledgedRisks(config(Map.of("oidc.store.redis.uri", "redis://h:1",
                "oidc.store.redis.password", "pw-do-not-print",
                "oidc.store.redis.dev-mode-allow-plaintext", "true", "oidc.store.redis.dev-mode-allow-no-auth", "TRUE",
                "oidc.store.redis.accept-evicting-maxmemory-policy", "true",
                "oidc.store.redis.accept-unverified-maxmemory-policy", "true")));
        assertThat(risks).hasSize(4).noneMatch(r -> r.contains("pw-do-not-print"));
        assertThat(risks.get(0)).startsWith("OIDCS-1421").contains("oidc.store.redis.dev-mode-allow-plaintext=true");
        assertThat(risks.get(1)).startsWith("OIDCS-1422").contains("oidc.store.redis.dev-mode-allow-no-auth=true");
        assertThat(risks.get(2)).startsWith("OIDCS-1423")
                .contains("oidc.store.redis.accept-evicting-maxmemory-policy=true");
        assertThat(risks.get(3)).startsWith("OIDCS-1424")
                .contains("oidc.store.redis.accept-unverified-maxmemory-policy=true");
    }

    static Stream<Arguments> configurations() {
        List<URI> sentinels = List.of(URI.create("rediss://s1:26379"), URI.create("rediss://s2:26379"));
        Map<String, String> sentinelKeys = Map.of("oidc.store.redis.sentinel.master", "m",
                "oidc.store.redis.sentinel.nodes", "rediss://s1:26379,rediss://s2:26379");
        return Stream.of(
                Arguments.of("sentinel, data AUTH, open sentinels", with(sentinelKeys,
                        "oidc.store.redis.password", "pw"),
                        RedisSettings.builder().sentinel("m", sentinels).password("pw")),
                Arguments.of("sentinel, AUTH everywhere", with(sentinelKeys,
                        "oidc.store.redis.password", "pw", "oidc.store.redis.sentinel.password", "spw"),
                        RedisSettings.builder().sentinel("m", sentinels).password("pw").sentinelPassword("spw")),
                Arguments.of("sentinel, blank sentinel password", with(sentinelKeys,
                        "oidc.store.redis.password", "pw", "oidc.store.redis.sentinel.password", "  "),
                        RedisSettings.builder().sentinel("m", sentinels).password("pw")),
                Arguments.of("sentinel user without its password", with(sentinelKeys,
                        "oidc.store.redis.password", "pw", "oidc.store.redis.sentinel.user", "su"),
                        RedisSettings.builder().sentinel("m", sentinels).password("pw").sentinelUser("su")),
                Arguments.of("sentinel, plaintext flag only", Map.of("oidc.store.redis.sentinel.master", "m",
                        "oidc.store.redis.sentinel.nodes", "redis://s1:26379", "oidc.store.redis.password", "pw",
                        "oidc.store.redis.dev-mode-allow-plaintext", "true"),
                        RedisSettings.builder().sentinel("m", List.of(URI.create("redis://s1:26379"))).password("pw")
                                .devModeAllowPlaintext(true)),
                Arguments.of("sentinel, both flags, no credentials", Map.of("oidc.store.redis.sentinel.master", "m",
                        "oidc.store.redis.sentinel.nodes", "redis://s1:26379",
                        "oidc.store.redis.dev-mode-allow-plaintext", "true",
                        "oidc.store.redis.dev-mode-allow-no-auth", "true"),
                        RedisSettings.builder().sentinel("m", List.of(URI.create("redis://s1:26379")))
                                .devModeAllowPlaintext(true).devModeAllowNoAuth(true)),
                Arguments.of("standalone plaintext, blank password", Map.of("oidc.store.redis.uri", "redis://h:1",
                        "oidc.store.redis.password", ""),
                        RedisSettings.builder().standalone(URI.create("redis://h:1"))),
                Arguments.of("standalone TLS, no-auth flag", Map.of("oidc.store.redis.uri", "rediss://h:1",
                        "oidc.store.redis.dev-mode-allow-no-auth", "true"),
                        RedisSettings.builder().standalone(URI.create("rediss://h:1")).devModeAllowNoAuth(true)),
                Arguments.of("cluster, TLS and AUTH", Map.of("oidc.store.redis.cluster.nodes",
                        "rediss://c1:7001,rediss://c2:7002", "oidc.store.redis.password", "pw"),
                        RedisSettings.builder().cluster(List.of(URI.create("rediss://c1:7001"),
                                URI.create("rediss://c2:7002"))).password("pw")),
                Arguments.of("cluster, mixed schemes", Map.of("oidc.store.redis.cluster.nodes",
                        "rediss://c1:7001,redis://c2:7002", "oidc.store.redis.password", "pw"),
                        RedisSettings.builder().cluster(List.of(URI.create("rediss://c1:7001"),
                                URI.create("redis://c2:7002"))).password("pw")));
    }

    /**
     * The builder (settings), the CDI deployment (ConfigSafetyCheck over the configuration), a
     * lazy store from MicroProfile Config (the OSGi service's path) and the start itself give the
     * same answer: an unsafe setting is reported exactly when the start refuses it (plaintext
     * OIDCS-1404 / 1460, no AUTH 1405 / 1461, open sentinels 1417 / 1462).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyEntryPointReportsExactlyWhatTheStartRefuses(String name, Map<String, String> keys,
            RedisSettings.Builder equivalent) {
        List<String> fromCheck = ids(redisCheck().unsafeSettings(config(keys)));
        var mpConfig = SettingsFromConfigTest.config(keys);
        List<String> fromConfig = ids(RedisSettings.unsafeSettings(mpConfig));
        List<String> fromLazyStore;
        try (RedisStore lazy = RedisStores.fromConfig(mpConfig, Clock.systemUTC())) {
            fromLazyStore = ids(lazy.unsafeSettings());
        }
        List<String> fromBuilder = ids(equivalent.build().unsafeSettings());
        List<String> refusedAtStart = new ArrayList<>();
        try {
            RedisSettings.fromConfig(mpConfig);
        } catch (StoreConfigurationException e) {
            for (String id : ids(List.of(e.getMessage().split("\n")))) {
                switch (id) {
                    case "OIDCS-1404" -> refusedAtStart.add("OIDCS-1460");
                    case "OIDCS-1405" -> refusedAtStart.add("OIDCS-1461");
                    case "OIDCS-1417" -> refusedAtStart.add("OIDCS-1462");
                    default -> { }
                }
            }
        }
        assertThat(fromCheck).as("ConfigSafetyCheck").isEqualTo(refusedAtStart);
        assertThat(fromConfig).as("RedisSettings.unsafeSettings(Config)").isEqualTo(refusedAtStart);
        assertThat(fromLazyStore).as("lazy store from Config").isEqualTo(refusedAtStart);
        assertThat(fromBuilder).as("settings built programmatically").isEqualTo(refusedAtStart);
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> m = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    private static final Pattern ID = Pattern.compile("^(OIDCS-\\d{4}) ");

    private static List<String> ids(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = ID.matcher(l);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out.stream().sorted().distinct().toList();
    }
}
