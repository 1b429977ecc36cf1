package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

class JpaSettingsTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void theBuilderStartsFromTheDocumentedDefaultsAndSetsEveryField() {
        JpaSettings defaults = JpaSettings.builder().url("jdbc:h2:mem:x").build();
        assertThat(defaults).isEqualTo(new JpaSettings(null, "jdbc:h2:mem:x", null, null, 20, Duration.ofSeconds(10),
                false, null, 2_000, Duration.ofMinutes(5), null, Duration.ofSeconds(60), false));
        assertThat(JpaSettings.forUrl("jdbc:h2:mem:x", null, null)).isEqualTo(defaults);
        JpaSettings every = JpaSettings.builder().dataSource("java:/ds").url("jdbc:h2:mem:y").user("u").password("p")
                .poolSize(3).acquisitionTimeout(Duration.ofSeconds(4)).migrate(true).targetServer("WildFly")
                .gcBatchSize(5).gcInterval(Duration.ofSeconds(6)).secretPepper("pepper")
                .jwtIdClockSkew(Duration.ofSeconds(7)).devModeAllowUnpepperedDigests(true).build();
        assertThat(every).isEqualTo(new JpaSettings("java:/ds", "jdbc:h2:mem:y", "u", "p", 3, Duration.ofSeconds(4),
                true, "WildFly", 5, Duration.ofSeconds(6), "pepper", Duration.ofSeconds(7), true));
        assertThat(every.toBuilder().build()).isEqualTo(every);
        assertThat(defaults.withPoolSize(3).withMigrate(true)).isEqualTo(defaults.toBuilder().poolSize(3).migrate(true)
                .build());
    }

    @Test
    void theBuilderDoesNotValidateButValidateNamesEveryProblem() {
        JpaSettings bad = JpaSettings.builder().poolSize(0).gcBatchSize(0).build();
        assertThat(bad.problems()).extracting(p -> p.substring(0, 10))
                .containsExactly("OIDCS-1201", "OIDCS-1204", "OIDCS-1205");
        assertThatThrownBy(bad::validate).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1201").hasMessageContaining("OIDCS-1204").hasMessageContaining("OIDCS-1205");
    }

    @Test
    void defaultsApplyWhenOnlyTheUrlIsSet() {
        JpaSettings s = JpaSettings.fromConfig(config(Map.of("oidc.store.jpa.url", "jdbc:h2:mem:x")));
        assertThat(s.poolSize()).isEqualTo(JpaSettings.DEFAULT_POOL_SIZE).isGreaterThanOrEqualTo(20);
        assertThat(s.migrate()).isFalse();
        assertThat(s.gcBatchSize()).isEqualTo(2_000);
        assertThat(s.gcInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.acquisitionTimeout()).isEqualTo(JpaSettings.DEFAULT_ACQUISITION_TIMEOUT);
        assertThat(s.containerManaged()).isFalse();
        assertThat(s.secretDigest().isPeppered()).isFalse();
    }

    @Test
    void everyKeyIsRead() {
        JpaSettings s = JpaSettings.fromConfig(config(Map.of("oidc.store.jpa.datasource", "java:jboss/datasources/Oidc",
                "oidc.store.jpa.target-server", "WildFly", "oidc.store.jpa.pool-size", "32",
                "oidc.store.jpa.migrate", "true", "oidc.store.jpa.gc.batch-size", "500", "oidc.store.gc.interval", "PT1M",
                "oidc.store.jpa.acquisition-timeout", "PT3S", "oidc.store.secret-pepper", TestStores.PEPPER,
                "oidc.store.jwt-id-clock-skew", "PT2M", "oidc.store.dev-mode-allow-unpeppered-digests", "true")));
        assertThat(s).isEqualTo(new JpaSettings("java:jboss/datasources/Oidc", null, null, null, 32, Duration.ofSeconds(3),
                true, "WildFly", 500, Duration.ofMinutes(1), TestStores.PEPPER, Duration.ofMinutes(2), true));
        assertThat(s.containerManaged()).isTrue();
        assertThat(s.secretDigest().isPeppered()).isTrue();
    }

    @Test
    void theSharedSettingsDefaultToAOneMinuteSkewAndNoAcknowledgement() {
        JpaSettings s = JpaSettings.fromConfig(config(Map.of("oidc.store.jpa.url", "jdbc:h2:mem:x")));
        assertThat(s.jwtIdClockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.devModeAllowUnpepperedDigests()).isFalse();
        assertThat(s.storeSettings().jwtIdClockSkew()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aBadSharedSettingIsReportedOnceInTheSharedWords() {
        assertThatThrownBy(() -> JpaSettings.fromConfig(config(Map.of("oidc.store.jpa.url", "jdbc:h2:mem:x",
                "oidc.store.jwt-id-clock-skew", "PT11M", "oidc.store.dev-mode-allow-unpeppered-digests", "maybe"))))
                .isInstanceOfSatisfying(StoreConfigurationException.class, e -> assertThat(e.getMessage().lines()
                        .filter(l -> l.startsWith("OIDCS-")).map(l -> l.substring(0, 10)))
                        .containsExactly("OIDCS-1013", "OIDCS-1014"));
        assertThat(JpaSettings.forUrl("jdbc:h2:mem:x", null, null).withJwtIdClockSkew(Duration.ofMinutes(11))
                .problems()).singleElement().asString().startsWith("OIDCS-1013 oidc.store.jwt-id-clock-skew");
        assertThat(JpaSettings.forUrl("jdbc:h2:mem:x", null, null).withJwtIdClockSkew(null).problems())
                .singleElement().asString().startsWith("OIDCS-1013");
    }

    @Test
    void settingsWithoutAPepperAreUnsafeUntilAcknowledged() {
        JpaSettings unpeppered = JpaSettings.forUrl("jdbc:h2:mem:x", null, null);
        assertThat(unpeppered.unsafeSettings()).singleElement().asString().contains("oidc.store.secret-pepper")
                .contains("oidc.store.dev-mode-allow-unpeppered-digests=true");
        assertThat(unpeppered.withDevModeAllowUnpepperedDigests(true).unsafeSettings()).isEmpty();
        assertThat(unpeppered.withSecretPepper(TestStores.PEPPER).unsafeSettings()).isEmpty();
        assertThat(unpeppered.problems()).as("unsafe, not invalid: the composite decides").isEmpty();
    }

    @Test
    void aStoreOpenedWithoutAPepperReportsItselfUnsafeAsTheCompositeExpects() {
        JpaSettings unpeppered = TestStores.settings(Engine.H2).withSecretPepper(null).withPoolSize(1);
        try (JpaStore store = JpaStores.open(unpeppered, MutableClock.startingNow())) {
            assertThat(store.unsafeSettings()).isEqualTo(StoreSettings.unsafeSettings(key -> Optional.empty()));
        }
        try (JpaStore store = JpaStores.open(unpeppered.withDevModeAllowUnpepperedDigests(true),
                MutableClock.startingNow())) {
            assertThat(store.unsafeSettings()).isEmpty();
        }
        assertThat(TestStores.shared(Engine.H2).store().unsafeSettings()).as("peppered").isEmpty();
    }

    @Test
    void jpaStoresFromConfigOpensAWorkingStoreOrNamesEveryProblem() {
        MutableClock clock = MutableClock.startingNow();
        Config good = config(Map.of("oidc.store.jpa.url", "jdbc:h2:mem:from-config;DB_CLOSE_DELAY=-1",
                "oidc.store.jpa.migrate", "true", "oidc.store.gc.interval", "0",
                "oidc.store.secret-pepper", TestStores.PEPPER));
        try (JpaStore store = JpaStores.fromConfig(good, clock)) {
            Session session = new Samples(clock).session("group-from-config");
            store.sessions().save(session);
            assertThat(store.sessions().find(session.sessionId())).contains(session);
            assertThat(store.transactional()).isTrue();
            assertThat(store.unsafeSettings()).isEmpty();
        }
        assertThatThrownBy(() -> JpaStores.fromConfig(config(Map.of("oidc.store.jpa.pool-size", "0",
                "oidc.store.jpa.url", "jdbc:nope://x")), clock))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1203").hasMessageContaining("OIDCS-1204");
    }

    @Test
    void zeroDisablesTheGcSchedule() {
        JpaSettings s = JpaSettings.fromConfig(config(Map.of("oidc.store.jpa.url", "jdbc:h2:mem:x",
                "oidc.store.gc.interval", "0")));
        assertThat(s.gcInterval()).isZero();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsId() {
        Map<String, String> bad = Map.of("oidc.store.jpa.url", "jdbc:oracle:thin:@db?password=hunter2",
                "oidc.store.jpa.datasource", "java:comp/DefaultDataSource", "oidc.store.jpa.password", "hunter2",
                "oidc.store.jpa.pool-size", "lots", "oidc.store.jpa.migrate", "yes", "oidc.store.jpa.gc.batch-size", "0",
                "oidc.store.gc.interval", "5 minutes", "oidc.store.jpa.target-server", "WildFly",
                "oidc.store.jpa.acquisition-timeout", "PT0S", "oidc.store.secret-pepper", "c2hvcnQ=");
        assertThatThrownBy(() -> JpaSettings.fromConfig(config(bad)))
                .isInstanceOfSatisfying(StoreConfigurationException.class, e -> {
                    assertThat(e.getMessage().lines().filter(l -> l.startsWith("OIDCS-")).map(l -> l.substring(0, 10)))
                            .containsExactlyInAnyOrder("OIDCS-1204", "OIDCS-1207", "OIDCS-1205", "OIDCS-1206",
                                    "OIDCS-1202", "OIDCS-1203", "OIDCS-1208", "OIDCS-1209", "OIDCS-1210", "OIDCS-1010");
                    assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("c2hvcnQ=");
                });
    }

    @Test
    void aMissingDatabaseAndABadPepperAreReported() {
        assertThatThrownBy(() -> JpaSettings.fromConfig(config(Map.of("oidc.store.secret-pepper", "!!not base64!!"))))
                .isInstanceOfSatisfying(StoreConfigurationException.class, e -> assertThat(e.getMessage())
                        .contains("OIDCS-1201").contains("OIDCS-1011").doesNotContain("!!not base64!!"));
    }

    @Test
    void programmaticSettingsValidateTheSameWay() {
        JpaSettings ok = JpaSettings.forUrl("jdbc:postgresql://127.0.0.1/x", "u", "p").withPoolSize(4);
        assertThat(ok.validate()).isSameAs(ok);
        assertThat(JpaSettings.forUrl("jdbc:h2:mem:x", null, null).withPoolSize(0).withGcBatchSize(200_000)
                .withGcInterval(Duration.ofSeconds(-1)).problems())
                .extracting(p -> p.substring(0, 10)).containsExactly("OIDCS-1204", "OIDCS-1205", "OIDCS-1206");
    }

    @Test
    void toStringNeverShowsThePasswordThePepperOrTheUrlQuery() {
        String s = JpaSettings.forUrl("jdbc:mariadb://db/x?password=hunter2", "app", "hunter2")
                .withSecretPepper(TestStores.PEPPER).toString();
        assertThat(s).doesNotContain("hunter2").doesNotContain(TestStores.PEPPER).contains("<redacted>").contains("app");
    }

    @Test
    void openingWithInvalidSettingsReportsEveryProblemAndConnectsNowhere() {
        assertThatThrownBy(() -> JpaStores.open(JpaSettings.forUrl("jdbc:h2:mem:never", null, null).withPoolSize(0)
                .withGcBatchSize(0)))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1204")
                .hasMessageContaining("OIDCS-1205");
    }

    /** The lookup the composite's CDI extension passes: a key's value, empty when unset. */
    private static Function<String, Optional<String>> lookup(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    @Test
    void aConfigLookupIsCheckedWithoutConnectingAndEveryProblemIsNamed() {
        Map<String, String> bad = Map.of("oidc.store.jpa.url", "jdbc:oracle:thin:@db?password=hunter2",
                "oidc.store.jpa.datasource", "java:comp/DefaultDataSource", "oidc.store.jpa.password", "hunter2",
                "oidc.store.jpa.pool-size", "lots", "oidc.store.jpa.migrate", "yes", "oidc.store.jpa.gc.batch-size", "0",
                "oidc.store.gc.interval", "5 minutes", "oidc.store.jpa.target-server", "WildFly",
                "oidc.store.jpa.acquisition-timeout", "PT0S", "oidc.store.secret-pepper", "c2hvcnQ=");
        List<String> problems = JpaSettings.problems(lookup(bad));
        assertThat(problems).extracting(p -> p.substring(0, 10)).containsExactlyInAnyOrder("OIDCS-1204",
                "OIDCS-1207", "OIDCS-1205", "OIDCS-1206", "OIDCS-1202", "OIDCS-1203", "OIDCS-1208", "OIDCS-1209",
                "OIDCS-1210", "OIDCS-1010");
        assertThat(String.join("\n", problems)).doesNotContain("hunter2").doesNotContain("c2hvcnQ=");
        assertThat(JpaSettings.problems(lookup(Map.of()))).extracting(p -> p.substring(0, 10))
                .containsExactly("OIDCS-1201");
    }

    @Test
    void aValidConfigWhoseClassesLoadHasNoProblem() {
        // the test class path has EclipseLink, Flyway, Narayana, Agroal and the three drivers
        for (String url : List.of("jdbc:h2:mem:x", "jdbc:mariadb://db/x", "jdbc:postgresql://db/x")) {
            assertThat(JpaSettings.problems(lookup(Map.of("oidc.store.jpa.url", url, "oidc.store.jpa.migrate", "true"))))
                    .as(url).isEmpty();
        }
        assertThat(JpaSettings.problems(lookup(Map.of("oidc.store.jpa.datasource", "java:jboss/datasources/Oidc",
                "oidc.store.jpa.migrate", "true")))).isEmpty();
    }

    /** A class loader that sees the JDK only: none of the classes a mode needs. */
    private static ClassLoader bare() {
        return new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
    }

    @Test
    void theClassesTheConfiguredModeNeedsMustLoad() {
        assertThat(JpaSettings.problems(lookup(Map.of("oidc.store.jpa.url", "jdbc:mariadb://db/x",
                "oidc.store.jpa.migrate", "true")), bare()))
                .extracting(p -> p.substring(0, 10))
                .containsExactlyInAnyOrder("OIDCS-1310", "OIDCS-1224", "OIDCS-1311", "OIDCS-1312");
        assertThat(JpaSettings.problems(lookup(Map.of("oidc.store.jpa.url", "jdbc:h2:mem:x")), bare()))
                .as("no migrations: Flyway is not needed").extracting(p -> p.substring(0, 10))
                .containsExactlyInAnyOrder("OIDCS-1310", "OIDCS-1224", "OIDCS-1311");
        assertThat(JpaSettings.problems(lookup(Map.of("oidc.store.jpa.datasource", "java:jboss/datasources/Oidc")),
                bare())).as("container mode: the server brings the driver and the transaction manager")
                .extracting(p -> p.substring(0, 10)).containsExactly("OIDCS-1310");
        assertThat(JpaSettings.problems(lookup(Map.of("oidc.store.jpa.url", "jdbc:postgresql://db/x")), bare()))
                .filteredOn(p -> p.startsWith("OIDCS-1224")).singleElement().asString()
                .contains("org.postgresql.Driver");
    }
}
