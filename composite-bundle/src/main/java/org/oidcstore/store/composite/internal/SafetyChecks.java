package org.oidcstore.store.composite.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.oidcstore.store.spi.ConfigSafetyCheck;

/**
 * Asks the backends' {@link ConfigSafetyCheck}s (ServiceLoader) about a configuration, from
 * configuration alone: no backend is created and no connection is opened. Only the checks of the
 * backends named by the caller answer (the backends present in the deployment).
 */
public final class SafetyChecks {
    private final Map<String, ConfigSafetyCheck> checks = new LinkedHashMap<>();

    /** Loads the checks visible to the context class loader and to this bundle. */
    public SafetyChecks() {
        this(List.of());
    }

    /**
     * Loads the checks visible to the context class loader, to this bundle and to {@code more}: in
     * OSGi, a backend bundle's own class loader is the one that sees its {@code META-INF/services}.
     */
    public SafetyChecks(List<ClassLoader> more) {
        List<ClassLoader> loaders = new ArrayList<>();
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.add(SafetyChecks.class.getClassLoader());
        loaders.addAll(more);
        for (ClassLoader cl : loaders) {
            if (!seesThisApi(cl)) {
                continue; // its providers implement another copy of the API, never this one
            }
            try {
                for (ConfigSafetyCheck c : ServiceLoader.load(ConfigSafetyCheck.class, cl)) {
                    checks.putIfAbsent(c.getClass().getName(), c);
                }
            } catch (ServiceConfigurationError e) {
                // the error names the class and the reason; its message quotes no configuration value
                throw new IllegalStateException("a ConfigSafetyCheck could not be loaded: " + e.getMessage(), e);
            }
        }
    }

    /** Whether {@code cl} resolves {@link ConfigSafetyCheck} to the class this bundle uses. */
    private static boolean seesThisApi(ClassLoader cl) {
        try {
            return Class.forName(ConfigSafetyCheck.class.getName(), false, cl) == ConfigSafetyCheck.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The unsafe settings every check for {@code backend} reports. */
    public List<String> unsafeSettings(String backend, ConfigLookup config) {
        return ask(backend, c -> c.unsafeSettings(config::get));
    }

    /** The weakening settings the operator acknowledged by name, as every check for {@code backend} reports them. */
    public List<String> acknowledgedRisks(String backend, ConfigLookup config) {
        return ask(backend, c -> c.acknowledgedRisks(config::get));
    }

    /** The configuration problems every check for {@code backend} reports, each starting with its id. */
    public List<String> problems(String backend, ConfigLookup config) {
        return ask(backend, c -> c.problems(config::get));
    }

    private List<String> ask(String backend, Function<ConfigSafetyCheck, List<String>> question) {
        List<String> out = new ArrayList<>();
        for (ConfigSafetyCheck c : checks.values()) {
            if (c.backend().equals(backend)) {
                out.addAll(question.apply(c));
            }
        }
        return out;
    }
}
