package org.oidcstore.store.composite.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Configuration as the composite reads it: MicroProfile Config semantics (an empty value is
 * missing; a dotted name is also found as an environment variable, {@code oidc.store.route.sessions}
 * as {@code OIDC_STORE_ROUTE_SESSIONS}). Backed by MicroProfile Config when its API is present,
 * else by system properties and the environment with the same mapping.
 */
public interface ConfigLookup {

    /** The value of {@code key}; empty when unset or empty. */
    Optional<String> get(String key);

    /** Every property name the sources know (used to find misspelt keys and static-client ids). */
    Iterable<String> names();

    /** The application's configuration: MicroProfile Config if present, else system properties + environment. */
    static ConfigLookup current() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, ConfigLookup.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return system();
        }
        return MpConfigLookup.create();
    }

    /** A fixed map of property names to values (Java SE, tests). */
    static ConfigLookup of(Map<String, String> properties) {
        Map<String, String> copy = new LinkedHashMap<>(properties);
        return new ConfigLookup() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key)).filter(v -> !v.isEmpty());
            }

            @Override
            public Iterable<String> names() {
                return copy.keySet();
            }
        };
    }

    /** Any configuration: its property names and a lookup with MicroProfile Config semantics. */
    static ConfigLookup of(Iterable<String> names, Function<String, Optional<String>> lookup) {
        return new ConfigLookup() {
            @Override
            public Optional<String> get(String key) {
                return lookup.apply(key).filter(v -> !v.isEmpty());
            }

            @Override
            public Iterable<String> names() {
                return names;
            }
        };
    }

    /** System properties, then environment variables with MicroProfile Config's name mapping. */
    static ConfigLookup system() {
        return new ConfigLookup() {
            @Override
            public Optional<String> get(String key) {
                String v = System.getProperty(key);
                if (v == null || v.isEmpty()) {
                    Map<String, String> env = System.getenv();
                    String sanitized = key.replaceAll("[^A-Za-z0-9]", "_");
                    v = env.get(key);
                    v = v != null ? v : env.get(sanitized);
                    v = v != null ? v : env.get(sanitized.toUpperCase(Locale.ROOT));
                }
                return Optional.ofNullable(v).filter(s -> !s.isEmpty());
            }

            @Override
            public Iterable<String> names() {
                List<String> names = new ArrayList<>(System.getProperties().stringPropertyNames());
                names.addAll(System.getenv().keySet());
                return names;
            }
        };
    }
}
