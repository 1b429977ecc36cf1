package org.oidcstore.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;

class StoreSettingsTest {
    private static final String PEPPER = "dGVzdC1wZXBwZXItMDEyMzQ1Njc4OWFiY2RlZi0wMTIzNDU2Nzg5";

    private static Function<String, Optional<String>> config(Map<String, String> m) {
        return k -> Optional.ofNullable(m.get(k));
    }

    @Test
    void aMissingPepperIsUnsafeUnlessAcknowledgedByName() {
        assertThat(StoreSettings.unsafeSettings(config(Map.of()))).singleElement().asString()
                .contains(StoreSettings.SECRET_PEPPER_KEY).contains(StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY);
        assertThat(StoreSettings.unsafeSettings(config(Map.of(StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "true"))))
                .isEmpty();
        assertThat(StoreSettings.unsafeSettings(config(Map.of(StoreSettings.SECRET_PEPPER_KEY, PEPPER)))).isEmpty();
    }

    @Test
    void theSkewAllowanceDefaultsToAMinuteAndIsBounded() {
        assertThat(StoreSettings.read(config(Map.of())).jwtIdClockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(StoreSettings.read(config(Map.of(StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "PT0S"))).jwtIdClockSkew())
                .isZero();
        assertThat(StoreSettings.problems(config(Map.of(StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "PT11M"))))
                .singleElement().asString().startsWith("OIDCS-1013");
        assertThat(StoreSettings.problems(config(Map.of(StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "soon"))))
                .singleElement().asString().startsWith("OIDCS-1013");
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutRepeatingASecret() {
        Map<String, String> bad = Map.of(StoreSettings.SECRET_PEPPER_KEY, "c2hvcnQ=",
                StoreSettings.JWT_ID_CLOCK_SKEW_KEY, "-PT1S", StoreSettings.DEV_MODE_ALLOW_UNPEPPERED_KEY, "yes");
        assertThat(StoreSettings.problems(config(bad))).extracting(p -> p.substring(0, 10))
                .containsExactly("OIDCS-1010", "OIDCS-1013", "OIDCS-1014");
        assertThatThrownBy(() -> StoreSettings.read(config(bad))).isInstanceOf(StoreConfigurationException.class)
                .hasMessageNotContaining("c2hvcnQ");
    }
}
