package org.oidcstore.store.composite.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * Asks the backends' {@link ConfigSafetyCheck}s (ServiceLoader) about their settings, from
 * configuration alone: no backend is created and no connection is opened.
 */
public final class SafetyChecks {
    private final Map<String, ConfigSafetyCheck> checks = new LinkedHashMap<>();

    /** Loads the checks visible to the context class loader and to this bundle. */
    public SafetyChecks() {
        List<ClassLoader> loaders = new ArrayList<>();
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.add(SafetyChecks.class.getClassLoader());
        for (ClassLoader cl : loaders) {
            try {
                for (ConfigSafetyCheck c : ServiceLoader.load(ConfigSafetyCheck.class, cl)) {
                    checks.putIfAbsent(c.getClass().getName(), c);
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("a ConfigSafetyCheck could not be loaded: " + e.getMessage(), e);
            }
        }
    }

    /** The unsafe settings every check for {@code backend} reports. */
    public List<String> unsafeSettings(String backend, ConfigLookup config) {
        List<String> out = new ArrayList<>();
        for (ConfigSafetyCheck c : checks.values()) {
            if (c.backend().equals(backend)) {
                out.addAll(c.unsafeSettings(config::get));
            }
        }
        return out;
    }
}
