package org.oidcstore.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/** What the memory tier tells deployment validation, found through {@link ServiceLoader} as the composite finds it. */
class MemoryConfigSafetyCheckTest {

    private static Function<String, Optional<String>> lookup(Map<String, String> values) {
        return k -> Optional.ofNullable(values.get(k));
    }

    private static ConfigSafetyCheck check() {
        List<ConfigSafetyCheck> memory = ServiceLoader.load(ConfigSafetyCheck.class).stream()
                .map(ServiceLoader.Provider::get).filter(c -> c.backend().equals("memory")).toList();
        assertThat(memory).as("the memory bundle registers one check").hasSize(1);
        return memory.get(0);
    }

    @Test
    void everySettingTheTierWouldRefuseAtStartIsAProblemAtDeployment() {
        Map<String, String> broken = Map.of(MemorySettings.CAPACITY_KEY, "0", MemorySettings.MAX_VALUE_BYTES_KEY,
                "512", MemorySettings.SWEEP_BATCH_KEY, "0", "oidc.store.memory.max-state-bytes", "4096");
        List<String> problems = check().problems(lookup(broken));
        assertThat(problems).extracting(p -> p.substring(0, 10))
                .containsExactly("OIDCS-1101", "OIDCS-1104", "OIDCS-1103", "OIDCS-1105");
        assertThatThrownBy(() -> MemorySettings.read(lookup(broken))).isInstanceOf(StoreConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().filter(l -> l.startsWith("OIDCS-")).toList())
                        .as("exactly the lines the start refuses with").isEqualTo(problems));
    }

    @Test
    void aValidOrAbsentConfigurationHasNoProblem() {
        assertThat(check().problems(lookup(Map.of()))).isEmpty();
        assertThat(check().problems(lookup(Map.of(MemorySettings.CAPACITY_KEY, "10",
                MemorySettings.MAX_VALUE_BYTES_KEY, "1024")))).isEmpty();
    }

    /**
     * Without a configured pepper the tier digests with a random one (its records never outlive the
     * process), so nothing it does is unsafe; whether the deployment as a whole needs a pepper is
     * the configuration's question (OIDCS-2061), asked by the composite.
     */
    @Test
    void theTierReportsNoUnsafeSettingEvenWithoutAPepper() {
        assertThat(check().unsafeSettings(lookup(Map.of()))).isEmpty();
        assertThat(check().acknowledgedRisks(lookup(Map.of()))).isEmpty();
    }

    /**
     * CDI and MicroProfile Config are optional imports of the bundle: the check must load and answer
     * with the store API alone, as a plain OSGi or Java SE deployment has it.
     */
    @Test
    void theCheckLoadsAndAnswersWithoutCdiOrMicroProfileConfig() throws Exception {
        URL memory = MemorySettings.class.getProtectionDomain().getCodeSource().getLocation();
        URL api = ConfigSafetyCheck.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader bare = new URLClassLoader(new URL[] {memory, api}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> bare.loadClass("org.eclipse.microprofile.config.Config"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> bare.loadClass("jakarta.enterprise.inject.Produces"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> spi = bare.loadClass(ConfigSafetyCheck.class.getName());
            Object found = null;
            for (Object c : ServiceLoader.load(spi, bare)) {
                if ("memory".equals(spi.getMethod("backend").invoke(c))) {
                    found = c;
                }
            }
            assertThat(found).as("the memory check, loaded without CDI and MicroProfile Config").isNotNull();
            Function<String, Optional<String>> config = lookup(Map.of(MemorySettings.CAPACITY_KEY, "0"));
            Object problems = spi.getMethod("problems", Function.class).invoke(found, config);
            assertThat((List<?>) problems).singleElement().asString().startsWith("OIDCS-1101");
        }
    }
}
