package org.oidcstore.store.memory.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * What the memory tier tells the composite's deployment validation, from configuration alone: the
 * settings it would refuse at its first use ({@link MemorySettings#problems(Function)}, the same
 * lines its start refuses with), so that a CDI deployment fails at deployment as the OSGi service
 * fails at activation. Registered in {@code META-INF/services}; needs nothing but the store API
 * (CDI and MicroProfile Config are optional imports of the bundle).
 */
public final class MemoryConfigSafetyCheck implements ConfigSafetyCheck {

    @Override
    public String backend() {
        return "memory";
    }

    /**
     * Nothing: no setting of this tier weakens it. Without a configured pepper it digests with a
     * random one, which is as strong, because its records never outlive the process, so no other
     * node or restart needs to compute the same digest. Whether the deployment needs a pepper for
     * its other tiers is the configuration's question (OIDCS-2061), which the composite asks.
     */
    @Override
    public List<String> unsafeSettings(Function<String, Optional<String>> config) {
        return List.of();
    }

    /** The memory tier needs no class beyond the store API, so only its keys can be wrong. */
    @Override
    public List<String> problems(Function<String, Optional<String>> config) {
        return MemorySettings.problems(config);
    }
}
