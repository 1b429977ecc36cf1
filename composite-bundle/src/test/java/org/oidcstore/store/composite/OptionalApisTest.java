package org.oidcstore.store.composite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemoryStores;

/**
 * CDI, JTA, MicroProfile Config, MicroProfile Metrics and Micrometer are optional at run time (WildFly has no
 * MicroProfile Metrics; plain OSGi has none of them). Two checks: which compiled classes name each
 * API at all (only the few that are loaded after a presence check may), and a real run of the
 * builder in a class loader where all five APIs are missing.
 */
class OptionalApisTest {
    private static final Path CLASSES = Path.of("target", "classes");

    /** Class name -> the text of its constant pool (class files name referenced types in UTF-8). */
    private static Map<String, String> compiled() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                try {
                    String name = CLASSES.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                    out.put(name, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Set<String> referencing(String packagePath) {
        Set<String> out = new TreeSet<>();
        compiled().forEach((name, bytes) -> {
            if (bytes.contains(packagePath)) {
                out.add(name.substring(name.lastIndexOf('.') + 1));
            }
        });
        return out;
    }

    @Test
    void onlyTheGuardedClassesNameTheOptionalApis() {
        assertThat(referencing("org/eclipse/microprofile/metrics")).as("the guarded class and its nested meters")
                .containsExactly("MpStoreMetrics", "MpStoreMetrics$Meters");
        assertThat(referencing("io/micrometer")).as("the guarded Micrometer binding and its nested meters")
                .containsExactlyInAnyOrder("MicrometerStoreMetrics", "MicrometerStoreMetrics$Meters");
        assertThat(referencing("jakarta/transaction")).containsExactly("JtaCommitHook", "JtaCommitHook$1");
        assertThat(referencing("org/eclipse/microprofile/config")).containsExactly("MpConfigLookup");
        assertThat(referencing("org/eclipse/microprofile/health")).as("the guarded health beans (HealthSupport names"
                + " the API only as a string)").containsExactly("MpHealthBeans");
        Set<String> cdi = new TreeSet<>(referencing("jakarta/enterprise"));
        cdi.addAll(referencing("jakarta/inject"));
        assertThat(cdi).as("only the CDI integration and the @StaticClient qualifier").containsExactlyInAnyOrder(
                "BackendBeans", "CompositeProducer", "StaticClient", "StaticClient$Literal", "StaticClientStartup",
                "StoreRoutingExtension", "ValidatedDeployment", "HealthExtension", "HealthSupport", "MpHealthBeans");
    }

    @Test
    void theBuilderRunsWhereNoneOfTheOptionalApisExists() throws Exception {
        URL[] path = {location(CompositeStore.class), location(StoreKind.class), location(MemoryStores.class),
                location(IsolatedUse.class)};
        try (URLClassLoader isolated = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            Callable<?> use = (Callable<?>) isolated.loadClass(IsolatedUse.class.getName())
                    .getConstructor().newInstance();
            assertThat(use.call())
                    .isEqualTo("absent;absent;absent;absent;absent;marked=true;interactions=memory;declared=1");
        }
    }

    private static URL location(Class<?> c) throws IOException {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }
}
