package org.oidcstore.store.jpa.internal.cdi;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.jpa.JpaSettings;
import org.oidcstore.store.spi.ConfigSafetyCheck;
import org.oidcstore.store.spi.StoreSettings;

/**
 * Tells the composite's deployment validation, from configuration alone, what would make the JPA
 * tier fail at its first use ({@link JpaSettings#problems(Function)}: every setting's problem and
 * every class the configured mode needs that does not load) and that digests without a pepper are
 * unsafe ({@link StoreSettings#unsafeSettings}, word for word, which the composite reports once as
 * OIDCS-2061). Registered in {@code META-INF/services}; never connects.
 *
 * <p>It must load where the classes it reports missing are missing: it and everything it uses
 * (the settings, {@code RequiredClasses}, {@code Dialect}) refer to EclipseLink, Narayana, Agroal,
 * Flyway and the drivers by name only.
 */
public final class JpaConfigSafetyCheck implements ConfigSafetyCheck {

    @Override
    public String backend() {
        return "jpa";
    }

    @Override
    public List<String> unsafeSettings(Function<String, Optional<String>> config) {
        return StoreSettings.unsafeSettings(config);
    }

    @Override
    public List<String> problems(Function<String, Optional<String>> config) {
        return JpaSettings.problems(config);
    }
}
