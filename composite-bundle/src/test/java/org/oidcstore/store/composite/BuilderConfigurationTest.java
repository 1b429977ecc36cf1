package org.oidcstore.store.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.internal.Backends;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tier.StoreTier;

/**
 * {@code CompositeStores.builder().config(..)} reads every key of the configuration as a deployment
 * does: environment spellings of every key, the shared settings (pepper, clock skew), misspelt
 * keys — nothing the configuration says is silently ignored.
 */
class BuilderConfigurationTest {
    private static final String PEPPER = "Y29tcG9zaXRlLXRlc3QtcGVwcGVyLTAxMjM0NTY3ODlhYmNkZWY=";
    private static final String BUILDER_LOGGER = CompositeStore.class.getName();
    private final OidcStore memory = MemoryStores.open(MemorySettings.defaults(), MutableClock.startingNow(),
            SecretDigest.fromConfig(Optional.of(PEPPER)));

    private CompositeStores.Builder volatileOnly() {
        return CompositeStores.builder().withTier(StoreTier.VOLATILE, memory);
    }

    @Test
    void theEnvironmentSpellingsOfThePostureAndTheKindsAreRead() {
        CompositeStore store = volatileOnly().config(Map.of("OIDC_STORE_SESSIONS_DURABILITY", "volatile",
                "OIDC_STORE_KINDS", "consumed-jwt-ids,sessions", "OIDC_STORE_SECRET_PEPPER", PEPPER)).build();
        assertThat(store.kinds()).containsExactlyInAnyOrder(StoreKind.CONSUMED_JWT_IDS, StoreKind.SESSIONS);
        assertThat(store.sessionDurability()).isEqualTo(SessionDurability.VOLATILE);
        assertThat(store.routingTable().get(StoreKind.SESSIONS).reason())
                .isEqualTo("oidc.store.sessions.durability=volatile");
    }

    @Test
    void aRouteInItsEnvironmentSpellingIsRecordedUnderItsKey() {
        CompositeStore store = volatileOnly().config(Map.of("OIDC_STORE_ROUTE_DEFAULT", "volatile",
                "oidc.store.kinds", "interactions", "oidc.store.secret-pepper", PEPPER)).build();
        assertThat(store.routingTable().get(StoreKind.INTERACTIONS).reason())
                .as("as a deployment records it").isEqualTo("oidc.store.route.default=volatile");
    }

    @Test
    void aConfigurationWithoutPepperIsUnsafe() {
        assertThatThrownBy(() -> volatileOnly().config(Map.of("oidc.store.kinds", "consumed-jwt-ids")).build())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("\nOIDCS-2061 ")
                .hasMessageContaining("no oidc.store.secret-pepper is set");
    }

    @Test
    void theUnpepperedAcknowledgementBuildsAndIsWarnedOnce() {
        try (LogCapture log = LogCapture.of(BUILDER_LOGGER)) {
            CompositeStore store = volatileOnly().config(Map.of("oidc.store.kinds", "consumed-jwt-ids",
                    StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "true")).build();
            assertThat(store.kinds()).containsExactly(StoreKind.CONSUMED_JWT_IDS);
            assertThat(log.messages(Level.WARNING)).filteredOn(w -> w.contains(
                    StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY)).hasSize(1).allMatch(w -> w.startsWith("OIDCS-2062 "));
        }
    }

    @Test
    void withoutAConfigurationTheBuilderJudgesWhatItsStoresReport() {
        CompositeStore store = volatileOnly().kinds(EnumSet.of(StoreKind.INTERACTIONS)).build();
        assertThat(store.kinds()).containsExactly(StoreKind.INTERACTIONS);
    }

    @Test
    void backendsReportingNoPepperAreOneProblemNotOnePerBackend() {
        String unpeppered = StoreSettings.unsafeSettings(k -> Optional.empty()).get(0);
        OidcStore durable = FakeStore.of("sql", true, EnumSet.allOf(StoreKind.class), unpeppered);
        OidcStore volatileTier = FakeStore.of("kv", false, Backends.VOLATILE_KINDS, unpeppered);
        assertThatThrownBy(() -> CompositeStores.builder().withTier(StoreTier.DURABLE, durable)
                .withTier(StoreTier.VOLATILE, volatileTier).build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("1 problem(s) in the oidc-store configuration:\nOIDCS-2061 ")
                .hasMessageNotContaining("OIDCS-2060");
        CompositeStore acknowledged = CompositeStores.builder().withTier(StoreTier.DURABLE, durable)
                .withTier(StoreTier.VOLATILE, volatileTier)
                .config(Map.of(StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "true")).build();
        assertThat(acknowledged.routingTable()).hasSize(StoreKind.values().length);
    }

    @Test
    void theSharedSettingsAreValidatedWithTheirOwnIds() {
        assertThatThrownBy(() -> volatileOnly().config(Map.of("oidc.store.kinds", "interactions",
                "oidc.store.secret-pepper", "c2hvcnQ=", "oidc.store.jwt-id-clock-skew", "PT1H",
                StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "maybe")).build())
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("\nOIDCS-1010 ")
                .hasMessageContaining("\nOIDCS-1013 ").hasMessageContaining("\nOIDCS-1014 ")
                .hasMessageNotContaining("c2hvcnQ");
    }

    @Test
    void aTimerSamplingThatIsNoWholeNumberFrom1To1024IsRefused() {
        for (String bad : new String[] {"0", "1025", "-1", "one", "2.5"}) {
            assertThatThrownBy(() -> volatileOnly().config(Map.of("oidc.store.kinds", "interactions",
                    "oidc.store.secret-pepper", PEPPER, "OIDC_STORE_METRICS_TIMER_SAMPLING", bad)).build())
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageContaining("OIDCS-2008 oidc.store.metrics.timer-sampling has the value '" + bad + "'");
        }
        assertThatThrownBy(() -> volatileOnly().metricsTimerSampling(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(volatileOnly().config(Map.of("oidc.store.kinds", "interactions", "oidc.store.secret-pepper", PEPPER,
                "oidc.store.metrics.timer-sampling", " 1024 ")).build().kinds()).containsExactly(StoreKind.INTERACTIONS);
        assertThatThrownBy(() -> volatileOnly().config(Map.of("oidc.store.kinds", "interactions",
                "oidc.store.secret-pepper", PEPPER, "oidc.store.metrics.timer-samplin", "8")).build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("did you mean oidc.store.metrics.timer-sampling?");
    }

    @Test
    void aMisspeltKeyIsReportedWithTheKeyItResembles() {
        assertThatThrownBy(() -> volatileOnly().config(Map.of("oidc.store.kind", "interactions",
                "oidc.store.secret-pepper", PEPPER)).build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-2007 oidc.store.kind ").hasMessageContaining("did you mean oidc.store.kinds?");
        assertThatThrownBy(() -> volatileOnly().config(Map.of("OIDC_STORE_SESSION_DURABILITY", "volatile",
                "oidc.store.secret-pepper", PEPPER, "oidc.store.kinds", "interactions")).build())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-2007 OIDC_STORE_SESSION_DURABILITY ")
                .hasMessageContaining("did you mean OIDC_STORE_SESSIONS_DURABILITY?");
    }

    @Test
    void keysOfTheBackendsAndOfOtherSoftwareAreNotMistakenForMisspellings() {
        CompositeStore store = volatileOnly().config(Map.of("oidc.store.kinds", "interactions",
                "oidc.store.secret-pepper", PEPPER, "oidc.store.memory.capacity", "10", "oidc.store.gc.interval",
                "PT0S", "oidc.store.redis.uri", "rediss://127.0.0.1:1", "unrelated.key", "x",
                "OIDC_STORE_JPA_URL", "jdbc:h2:mem:x")).build();
        assertThat(store.kinds()).containsExactly(StoreKind.INTERACTIONS);
        assertThat(List.copyOf(store.routingTable().keySet())).containsExactly(StoreKind.INTERACTIONS);
    }
}
