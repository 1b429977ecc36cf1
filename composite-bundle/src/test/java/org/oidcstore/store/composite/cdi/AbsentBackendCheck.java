package org.oidcstore.store.composite.cdi;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * The check of a backend that no test deploys: it always reports a problem, an unsafe setting and
 * a risk, none of which may ever appear, because only the checks of the backends present count.
 */
public final class AbsentBackendCheck implements ConfigSafetyCheck {
    @Override
    public String backend() {
        return "absent";
    }

    @Override
    public List<String> unsafeSettings(Function<String, Optional<String>> config) {
        return List.of("absent-backend unsafe setting.");
    }

    @Override
    public List<String> acknowledgedRisks(Function<String, Optional<String>> config) {
        return List.of("absent-backend acknowledged risk.");
    }

    @Override
    public List<String> problems(Function<String, Optional<String>> config) {
        return List.of("OIDCS-9909 absent-backend problem.");
    }
}
