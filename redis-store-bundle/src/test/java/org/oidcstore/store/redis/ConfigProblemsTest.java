package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.redis.support.TestServers;
import org.oidcstore.store.spi.ConfigSafetyCheck;
import org.oidcstore.store.spi.StoreSettings;

/**
 * {@code ConfigSafetyCheck.problems}: every setting the Redis tier would refuse at its first
 * operation, found at deployment by the start's own parser and validator, with the start's own
 * lines, and without connecting.
 */
class ConfigProblemsTest {
    private static final String SECRET = "pw-do-not-print";

    private static ConfigSafetyCheck redisCheck() {
        return ServiceLoader.load(ConfigSafetyCheck.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.backend().equals("redis")).findFirst().orElseThrow();
    }

    private static Function<String, Optional<String>> lookup(Map<String, String> m) {
        return k -> Optional.ofNullable(m.get(k));
    }

    /** The lines a lazy store's first operation fails with: what the start refuses. */
    private static List<String> refusedAtStart(Map<String, String> keys) {
        try (RedisStore lazy = RedisStores.fromConfig(SettingsFromConfigTest.config(keys), Clock.systemUTC())) {
            Throwable t = catchThrowable(() -> lazy.consumedJwtIds().isMarked("jti"));
            assertThat(t).isInstanceOf(StoreConfigurationException.class);
            return Arrays.stream(t.getMessage().split("\n")).filter(l -> l.startsWith("OIDCS-")).toList();
        }
    }

    private static Map<String, String> valid(int port) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("oidc.store.redis.uri", "rediss://127.0.0.1:" + port);
        m.put("oidc.store.redis.user", "oidc");
        m.put("oidc.store.redis.password", SECRET);
        m.put("oidc.store.redis.truststore", TestServers.truststore().toString());
        m.put("oidc.store.redis.truststore-password", TestServers.STORE_PASSWORD);
        m.put(StoreSettings.SECRET_PEPPER_KEY, TestServers.PEPPER);
        return m;
    }

    @Test
    void everySettingTheStartRefusesIsAProblemWithTheStartsOwnLineOnce() {
        Map<String, String> keys = valid(6390);
        keys.put("oidc.store.redis.key-prefix", "no-colon");
        keys.put("oidc.store.redis.max-value-bytes", "10");
        keys.put("oidc.store.redis.timeout", "soon");
        keys.put("oidc.store.redis.pool-size", "0");
        keys.put("oidc.store.redis.keystore", "/nonexistent/client.p12");
        keys.put(StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "PT11M");
        keys.put(StoreSettings.SECRET_PEPPER_KEY, "c2hvcnQ="); // 5 bytes
        List<String> problems = redisCheck().problems(lookup(keys));
        assertThat(problems).containsExactlyElementsOf(refusedAtStart(keys));
        assertThat(problems).extracting(p -> p.substring(0, 10)).containsExactlyInAnyOrder("OIDCS-1411",
                "OIDCS-1412", "OIDCS-1413", "OIDCS-1414", "OIDCS-1416", "OIDCS-1013", "OIDCS-1010");
        assertThat(problems).as("the shared settings' lines are the store API's, which the composite reports too")
                .containsAll(StoreSettings.problems(lookup(keys)));
        assertThat(problems).noneMatch(p -> p.contains(SECRET) || p.contains("c2hvcnQ="));
    }

    @Test
    void noConnectionConfiguredIsAProblem() {
        assertThat(redisCheck().problems(lookup(Map.of("oidc.store.redis.password", SECRET,
                StoreSettings.SECRET_PEPPER_KEY, TestServers.PEPPER))))
                .singleElement().asString().startsWith("OIDCS-1401").contains("oidc.store.redis.uri");
    }

    @Test
    void twoTopologiesAndAMalformedEndpointAreProblemsThatNeverEchoTheEndpoint() {
        Map<String, String> keys = valid(6390);
        keys.put("oidc.store.redis.uri", "rediss://u:" + SECRET + "@[bad");
        keys.put("oidc.store.redis.cluster.nodes", "rediss://127.0.0.1:7001");
        List<String> problems = redisCheck().problems(lookup(keys));
        assertThat(problems).containsExactlyElementsOf(refusedAtStart(keys));
        assertThat(problems).anyMatch(p -> p.startsWith("OIDCS-1402")).anyMatch(p -> p.startsWith("OIDCS-1403"))
                .noneMatch(p -> p.contains(SECRET));
    }

    /**
     * A valid configuration is no problem, and judging it opens no connection: the endpoint is a
     * listening socket that nobody accepts on, so a connection attempt made during the call would
     * wait in its backlog when the call returns.
     */
    @Test
    void aValidConfigurationHasNoProblemAndIsJudgedWithoutConnecting() throws IOException {
        try (ServerSocketChannel endpoint = ServerSocketChannel.open()) {
            endpoint.bind(new InetSocketAddress("127.0.0.1", 0));
            endpoint.configureBlocking(false);
            int port = ((InetSocketAddress) endpoint.getLocalAddress()).getPort();
            Map<String, String> keys = valid(port);
            assertThat(redisCheck().problems(lookup(keys))).isEmpty();
            assertThat(RedisSettings.fromConfig(SettingsFromConfigTest.config(keys)).nodes()).as("the start's reading")
                    .hasSize(1);
            keys.put("oidc.store.redis.pool-size", "0");
            assertThat(redisCheck().problems(lookup(keys))).singleElement().asString().startsWith("OIDCS-1414");
            assertThat(endpoint.accept()).as("a connection the check opened").isNull();
        }
    }
}
