package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.eclipse.persistence.platform.database.DatabasePlatform;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.spi.ConfigSafetyCheck;
import org.oidcstore.store.spi.StoreSettings;

/** The tier's deployment-time check, as the composite finds and asks it. */
class JpaConfigSafetyCheckTest {
    private static final String URL_KEY = "oidc.store.jpa.url";

    private static Function<String, Optional<String>> lookup(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    private static ConfigSafetyCheck jpaCheck() {
        List<ConfigSafetyCheck> found = new ArrayList<>();
        ServiceLoader.load(ConfigSafetyCheck.class).forEach(c -> {
            if (c.backend().equals("jpa")) {
                found.add(c);
            }
        });
        assertThat(found).as("ConfigSafetyChecks registered for backend 'jpa'").hasSize(1);
        return found.get(0);
    }

    @Test
    void theTierRegistersOneCheckThatReportsEverySettingsProblemWithItsId() {
        ConfigSafetyCheck check = jpaCheck();
        assertThat(check.problems(lookup(Map.of()))).extracting(p -> p.substring(0, 10)).containsExactly("OIDCS-1201");
        assertThat(check.problems(lookup(Map.of(URL_KEY, "jdbc:h2:mem:x", "oidc.store.jpa.pool-size", "none",
                StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "PT11M", StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "maybe"))))
                .extracting(p -> p.substring(0, 10)).containsExactly("OIDCS-1204", "OIDCS-1013", "OIDCS-1014");
        assertThat(check.problems(lookup(Map.of(URL_KEY, "jdbc:postgresql://db/x", "oidc.store.jpa.migrate", "true",
                StoreSettings.SECRET_PEPPER_KEY, TestStores.PEPPER)))).as("a deployable configuration").isEmpty();
    }

    @Test
    void aSharedSettingsProblemIsWordForWordTheOneTheCompositeReportsItself() {
        Map<String, String> config = Map.of(URL_KEY, "jdbc:h2:mem:x", StoreSettings.SECRET_PEPPER_KEY, "c2hvcnQ=",
                StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "soon");
        List<String> shared = StoreSettings.problems(lookup(config));
        assertThat(shared).hasSize(2);
        assertThat(jpaCheck().problems(lookup(config))).as("each once, in the shared words").isEqualTo(shared);
    }

    @Test
    void anUnpepperedDigestIsUnsafeUnlessAcknowledgedByName() {
        ConfigSafetyCheck check = jpaCheck();
        List<String> unpeppered = check.unsafeSettings(lookup(Map.of(URL_KEY, "jdbc:h2:mem:x")));
        assertThat(unpeppered).isEqualTo(StoreSettings.unsafeSettings(key -> Optional.empty()));
        assertThat(unpeppered.get(0)).contains(StoreSettings.SECRET_PEPPER_KEY)
                .contains(StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY + "=true");
        assertThat(check.unsafeSettings(lookup(Map.of(StoreSettings.SECRET_PEPPER_KEY, TestStores.PEPPER)))).isEmpty();
        assertThat(check.unsafeSettings(lookup(Map.of(StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "true"))))
                .isEmpty();
        assertThat(check.acknowledgedRisks(lookup(Map.of(StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "true"))))
                .as("the unpeppered risk is the composite's to warn about, once").isEmpty();
    }

    /**
     * The check is asked in deployments that lack what it reports missing: loaded from this
     * module's classes and the store API alone (no EclipseLink, Narayana, Agroal, Flyway, JDBC
     * driver nor MicroProfile Config), it must still load and name them.
     */
    @Test
    void theCheckLoadsAndNamesTheMissingClassesWithoutTheTiersDependencies() throws Exception {
        URL tier = JpaConfigSafetyCheckTest.class.getClassLoader().getResource("META-INF/services/"
                + ConfigSafetyCheck.class.getName());
        assertThat(tier).as("the service registration").isNotNull();
        URL[] classes = {JpaSettings.class.getProtectionDomain().getCodeSource().getLocation(),
            ConfigSafetyCheck.class.getProtectionDomain().getCodeSource().getLocation()};
        try (URLClassLoader bare = new URLClassLoader(classes, ClassLoader.getPlatformClassLoader())) {
            assertThat(bare.getResource(DatabasePlatform.class.getName().replace('.', '/') + ".class"))
                    .as("EclipseLink is out of reach").isNull();
            Class<?> api = Class.forName(ConfigSafetyCheck.class.getName(), false, bare);
            Object check = null;
            for (Object c : ServiceLoader.load(api, bare)) {
                if (api.getMethod("backend").invoke(c).equals("jpa")) {
                    check = c;
                }
            }
            assertThat(check).as("the check, found by ServiceLoader").isNotNull();
            Method problems = api.getMethod("problems", Function.class);
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            thread.setContextClassLoader(bare); // the deployment's class path lacks them too
            List<?> found;
            try {
                found = (List<?>) problems.invoke(check, lookup(Map.of(URL_KEY, "jdbc:mariadb://db/x",
                        "oidc.store.jpa.migrate", "true")));
            } finally {
                thread.setContextClassLoader(context);
            }
            assertThat(found).extracting(p -> ((String) p).substring(0, 10))
                    .containsExactlyInAnyOrder("OIDCS-1310", "OIDCS-1224", "OIDCS-1311", "OIDCS-1312");
        }
    }

    @Test
    void theDialectsNameTheirEclipseLinkPlatformsByClassName() throws Exception {
        for (Dialect d : Dialect.values()) {
            assertThat(DatabasePlatform.class.isAssignableFrom(Class.forName(d.platformClass()))).as(d.name()).isTrue();
        }
    }
}
