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
 * configuration, and names each library that does not load ({@code OIDCS-1470}), looking Jedis's
 * own dependencies up where Jedis does.
 */
class ChecksWithoutClientLibrariesTest {
    /** Jedis, its pool and its logging API, and the optional MicroProfile Config and CDI APIs. */
    private static final List<String> ALL_OPTIONAL = List.of("redis.clients.", "org.apache.commons.pool2.",
            "org.slf4j.", "org.eclipse.microprofile.", "jakarta.enterprise.", "jakarta.inject.");
    private static final String BUNDLE = "org.oidcstore.store.redis.";

    /**
     * Defines the classes under {@code definedHere} itself (so that what they reference resolves
     * through it) and cannot load those under {@code hidden}; everything else, the store API
     * included, comes from the test's class path.
     */
    static final class WithoutLibraries extends ClassLoader {
        private final List<String> hidden;
        private final List<String> definedHere;

        WithoutLibraries(List<String> hidden, List<String> definedHere) {
            super(ChecksWithoutClientLibrariesTest.class.getClassLoader());
            this.hidden = hidden;
            this.definedHere = definedHere;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (hidden.stream().anyMatch(name::startsWith)) {
                    throw new ClassNotFoundException(name);
                }
                if (definedHere.stream().noneMatch(name::startsWith)) {
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
        WithoutLibraries loader = new WithoutLibraries(ALL_OPTIONAL, List.of(BUNDLE));
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

    /**
     * As in OSGi: the store's bundle sees no SLF4J (it imports none), the Jedis bundle does, and it
     * is Jedis that needs it. Nothing is missing.
     */
    @Test
    void jedisDependenciesAreLookedUpThroughJedisNotThroughTheStoresBundle() {
        WithoutLibraries bundle = new WithoutLibraries(List.of("org.slf4j."), List.of(BUNDLE));
        assertThatThrownBy(() -> Class.forName("org.slf4j.LoggerFactory", false, bundle))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(loadedWithoutLibraries(bundle).problems(lookup(Map.of("oidc.store.redis.uri",
                "rediss://127.0.0.1:1", "oidc.store.redis.password", "pw", StoreSettings.SECRET_PEPPER_KEY,
                TestServers.PEPPER)))).isEmpty();
    }

    /** Jedis is there but its logging API is not, where Jedis looks for it: that library alone is named. */
    @Test
    void aMissingDependencyOfJedisIsNamedAlone() {
        WithoutLibraries app = new WithoutLibraries(List.of("org.slf4j."), List.of(BUNDLE, "redis.clients."));
        assertThat(loadedWithoutLibraries(app).problems(lookup(Map.of("oidc.store.redis.uri",
                "rediss://127.0.0.1:1", "oidc.store.redis.password", "pw", StoreSettings.SECRET_PEPPER_KEY,
                TestServers.PEPPER)))).singleElement().asString().startsWith("OIDCS-1470 ")
                .contains("org.slf4j:slf4j-api");
    }

    @Test
    void withTheLibrariesPresentNoneIsReported() {
        ConfigSafetyCheck check = ServiceLoader.load(ConfigSafetyCheck.class).stream()
                .map(ServiceLoader.Provider::get).filter(c -> c.backend().equals("redis")).findFirst().orElseThrow();
        assertThat(check.problems(lookup(Map.of("oidc.store.redis.cluster.nodes", "rediss://127.0.0.1:1",
                "oidc.store.redis.password", "pw", StoreSettings.SECRET_PEPPER_KEY, TestServers.PEPPER)))).isEmpty();
    }
}
