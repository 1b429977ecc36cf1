package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.redis.support.TestServers;
import org.oidcstore.store.spi.ConfigSafetyCheck;
import org.oidcstore.store.spi.StoreSettings;

/**
 * The bundle's {@code ConfigSafetyCheck} in an application that lacks the client libraries: it still
 * loads (through {@link java.util.ServiceLoader}, as the composite finds it), still judges the
 * configuration, and names each library that does not load ({@code OIDCS-1470}).
 */
class ChecksWithoutClientLibrariesTest {
    /** Jedis, its pool and its logging API, and the optional MicroProfile Config and CDI APIs. */
    private static final List<String> HIDDEN = List.of("redis.clients.", "org.apache.commons.pool2.", "org.slf4j.",
            "org.eclipse.microprofile.", "jakarta.enterprise.", "jakarta.inject.");

    /**
     * Defines the Redis bundle's classes itself (so that what they reference resolves through it)
     * and cannot load the hidden packages; everything else, the store API included, comes from the
     * test's class path.
     */
    static final class WithoutLibraries extends ClassLoader {
        WithoutLibraries() {
            super(ChecksWithoutClientLibrariesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (HIDDEN.stream().anyMatch(name::startsWith)) {
                    throw new ClassNotFoundException(name);
                }
                if (!name.startsWith("org.oidcstore.store.redis.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return c;
            }
        }
    }

    private static ConfigSafetyCheck loadedWithoutLibraries(ClassLoader loader) {
        ConfigSafetyCheck check = ServiceLoader.load(ConfigSafetyCheck.class, loader).stream()
                .map(ServiceLoader.Provider::get).filter(c -> c.backend().equals("redis")).findFirst().orElseThrow();
        assertThat(check.getClass().getClassLoader()).as("the check defined without the libraries").isSameAs(loader);
        return check;
    }

    private static Function<String, Optional<String>> lookup(Map<String, String> m) {
        return k -> Optional.ofNullable(m.get(k));
    }

    @Test
    void theCheckLoadsWithoutTheClientLibrariesAndNamesEachOfThem() {
        WithoutLibraries loader = new WithoutLibraries();
        assertThatThrownBy(() -> Class.forName("redis.clients.jedis.RedisClient", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        ConfigSafetyCheck check = loadedWithoutLibraries(loader);
        Map<String, String> sentinel = Map.of("oidc.store.redis.sentinel.master", "m",
                "oidc.store.redis.sentinel.nodes", "rediss://127.0.0.1:1", "oidc.store.redis.password", "pw",
                "oidc.store.redis.sentinel.password", "spw", StoreSettings.SECRET_PEPPER_KEY, TestServers.PEPPER);
        List<String> problems = check.problems(lookup(sentinel));
        assertThat(problems).hasSize(3).allSatisfy(p -> assertThat(p).startsWith("OIDCS-1470 "));
        assertThat(problems.get(0)).contains("redis.clients:jedis").contains("redis.clients.jedis.RedisSentinelClient");
        assertThat(problems.get(1)).contains("org.apache.commons:commons-pool2");
        assertThat(problems.get(2)).contains("org.slf4j:slf4j-api");
        assertThat(check.problems(lookup(Map.of("oidc.store.redis.uri", "rediss://127.0.0.1:1",
                "oidc.store.redis.password", "pw", StoreSettings.SECRET_PEPPER_KEY, TestServers.PEPPER))))
                .as("standalone").first().asString().contains("redis.clients.jedis.RedisClient ");
        assertThat(check.unsafeSettings(lookup(Map.of("oidc.store.redis.uri", "redis://127.0.0.1:1",
                StoreSettings.SECRET_PEPPER_KEY, TestServers.PEPPER))))
                .extracting(s -> s.substring(0, 10)).containsExactly("OIDCS-1460", "OIDCS-1461");
        assertThat(check.acknowledgedRisks(lookup(Map.of("oidc.store.redis.uri", "redis://127.0.0.1:1",
                "oidc.store.redis.dev-mode-allow-plaintext", "true")))).singleElement().asString()
                .startsWith("OIDCS-1421");
    }

    @Test
    void withTheLibrariesPresentNoneIsReported() {
        ConfigSafetyCheck check = ServiceLoader.load(ConfigSafetyCheck.class).stream()
                .map(ServiceLoader.Provider::get).filter(c -> c.backend().equals("redis")).findFirst().orElseThrow();
        assertThat(check.problems(lookup(Map.of("oidc.store.redis.cluster.nodes", "rediss://127.0.0.1:1",
                "oidc.store.redis.password", "pw", StoreSettings.SECRET_PEPPER_KEY, TestServers.PEPPER)))).isEmpty();
    }
}
