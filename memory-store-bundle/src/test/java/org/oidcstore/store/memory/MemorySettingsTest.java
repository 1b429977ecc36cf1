package org.oidcstore.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.spi.ValueSize;

class MemorySettingsTest {

    private static Function<String, Optional<String>> lookup(Map<String, String> values) {
        return k -> Optional.ofNullable(values.get(k));
    }

    private static List<String> ids(List<String> problems) {
        return problems.stream().map(p -> p.substring(0, 10)).toList();
    }

    @Test
    void theBuilderStartsFromTheDefaultsAndLeavesValidationToValidate() {
        assertThat(MemorySettings.builder().build()).isEqualTo(new MemorySettings(100_000, 65_536, 64));
        MemorySettings s = MemorySettings.builder().capacity(10).maxValueBytes(2048).sweepBatch(5).build();
        assertThat(s).isEqualTo(new MemorySettings(10, 2048, 5));
        assertThat(s.toBuilder().sweepBatch(7).build()).isEqualTo(new MemorySettings(10, 2048, 7));
        MemorySettings bad = MemorySettings.builder().capacity(0).build();
        assertThat(ids(bad.problems())).containsExactly("OIDCS-1101");
        assertThatThrownBy(bad::validate).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1101");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> new MemorySettings(0, 10, 0).validate())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1101").hasMessageContaining("OIDCS-1104").hasMessageContaining("OIDCS-1103");
        assertThat(MemorySettings.defaults().problems()).isEmpty();
    }

    @Test
    void maxValueBytesHasTheDefaultAndRangeOfEveryVolatileTier() {
        assertThat(MemorySettings.read(lookup(Map.of())).maxValueBytes()).isEqualTo(ValueSize.DEFAULT_MAX_VALUE_BYTES);
        assertThat(MemorySettings.defaults().maxValueBytes()).isEqualTo(ValueSize.DEFAULT_MAX_VALUE_BYTES);
        for (int ok : List.of(ValueSize.MIN_MAX_VALUE_BYTES, ValueSize.MAX_MAX_VALUE_BYTES)) {
            assertThat(MemorySettings.read(lookup(Map.of(MemorySettings.MAX_VALUE_BYTES_KEY, " " + ok + " ")))
                    .maxValueBytes()).isEqualTo(ok);
        }
        for (int bad : List.of(ValueSize.MIN_MAX_VALUE_BYTES - 1, ValueSize.MAX_MAX_VALUE_BYTES + 1)) {
            assertThat(MemorySettings.problems(lookup(Map.of(MemorySettings.MAX_VALUE_BYTES_KEY, "" + bad))))
                    .singleElement().asString().startsWith("OIDCS-1104 oidc.store.memory.max-value-bytes")
                    .contains("" + bad).contains("1024").contains("1048576");
        }
    }

    @Test
    void aValueThatIsNoWholeNumberIsNamedWithoutBeingRepeated() {
        List<String> problems = MemorySettings.problems(lookup(Map.of(MemorySettings.CAPACITY_KEY, "lots\r\n",
                MemorySettings.MAX_VALUE_BYTES_KEY, "64k", MemorySettings.SWEEP_BATCH_KEY, "1e3")));
        assertThat(ids(problems)).containsExactly("OIDCS-1101", "OIDCS-1104", "OIDCS-1103");
        assertThat(String.join("\n", problems)).doesNotContain("lots").doesNotContain("64k").doesNotContain("1e3");
        assertThatThrownBy(() -> MemorySettings.read(lookup(Map.of(MemorySettings.CAPACITY_KEY, "lots"))))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-1101");
    }

    /**
     * The retired key limited the interaction state alone; the new one limits the whole record of
     * three kinds. Taking the old value for the new key would change its meaning unnoticed, and
     * ignoring it would leave a limit the operator believes in unapplied: it is refused by name.
     */
    @Test
    void theRetiredMaxStateBytesKeyIsRefusedNamingItsReplacement() {
        Map<String, String> old = Map.of("oidc.store.memory.max-state-bytes", "131072");
        assertThat(MemorySettings.problems(lookup(old))).singleElement().asString()
                .startsWith("OIDCS-1105 oidc.store.memory.max-state-bytes")
                .contains(MemorySettings.MAX_VALUE_BYTES_KEY);
        assertThatThrownBy(() -> MemorySettings.read(lookup(old))).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1105").hasMessageContaining(MemorySettings.MAX_VALUE_BYTES_KEY);
        assertThat(ids(MemorySettings.problems(lookup(Map.of("oidc.store.memory.max-state-bytes", "131072",
                MemorySettings.MAX_VALUE_BYTES_KEY, "131072"))))).as("set beside the new key: still refused")
                .containsExactly("OIDCS-1105");
    }

    @Test
    void theConfiguredValuesAreRead() {
        MemorySettings s = MemorySettings.read(lookup(Map.of(MemorySettings.CAPACITY_KEY, "10",
                MemorySettings.MAX_VALUE_BYTES_KEY, "2048", MemorySettings.SWEEP_BATCH_KEY, "7")));
        assertThat(s).isEqualTo(new MemorySettings(10, 2048, 7));
        assertThat(MemorySettings.problems(lookup(Map.of()))).isEmpty();
    }
}
