package org.oidcstore.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreConfigurationException;

class MemorySettingsTest {
    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> new MemorySettings(0, 10, 0).validate())
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-1101").hasMessageContaining("OIDCS-1102").hasMessageContaining("OIDCS-1103");
        assertThat(MemorySettings.defaults().problems()).isEmpty();
    }
}
