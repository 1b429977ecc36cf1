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
 * as {@code OIDC_STORE_ROUTE_SESSIONS}). The application's own configuration is {@link CurrentConfig#lookup()}.
 */
public interface ConfigLookup {

    /** The value of {@code key}; empty when unset or empty. */
    Optional<String> get(String key);

    /** Every property name the sources know (used to find misspelt keys and static-client ids). */
    Iterable<String> names();

    /**
     * A fixed map of property names to values (Java SE, the OSGi service, tests), read as
     * MicroProfile Config reads an environment source: a dotted key is also found under its
     * environment spellings ({@code oidc.store.kinds} as {@code OIDC_STORE_KINDS}).
     */
    static ConfigLookup of(Map<String, String> properties) {
        Map<String, String> copy = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return new ConfigLookup() {
            @Override
            public Optional<String> get(String key) {
                return mapped(copy, key);
            }

            @Override
            public Iterable<String> names() {
                return copy.keySet();
            }
        };
    }

    /**
     * Several configurations, the later overriding the earlier (as a higher ordinal does): a key's
     * value comes from the last one that has it; the names are those of all.
     */
    static ConfigLookup layered(List<ConfigLookup> layers) {
        List<ConfigLookup> copy = List.copyOf(layers);
        return new ConfigLookup() {
            @Override
            public Optional<String> get(String key) {
                for (int i = copy.size() - 1; i >= 0; i--) {
                    Optional<String> v = copy.get(i).get(key);
                    if (v.isPresent()) {
                        return v;
                    }
                }
                return Optional.empty();
            }

            @Override
            public Iterable<String> names() {
                java.util.Set<String> all = new java.util.LinkedHashSet<>();
                copy.forEach(c -> c.names().forEach(all::add));
                return all;
            }
        };
    }

    /** The value of {@code key} in {@code map} by name, else by MicroProfile Config's environment mapping. */
    private static Optional<String> mapped(Map<String, String> map, String key) {
        String v = map.get(key);
        if (v == null || v.isEmpty()) {
            String sanitized = key.replaceAll("[^A-Za-z0-9]", "_");
            v = map.get(sanitized);
            v = v != null && !v.isEmpty() ? v : map.get(sanitized.toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(v).filter(s -> !s.isEmpty());
    }

    /**
     * Any configuration: its property names and a lookup with MicroProfile Config semantics. The
     * names are copied once (SmallRye's {@code getPropertyNames()} can be iterated only once).
     */
    static ConfigLookup of(Iterable<String> propertyNames, Function<String, Optional<String>> lookup) {
        List<String> names = new ArrayList<>();
        propertyNames.forEach(names::add);
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
                return v != null && !v.isEmpty() ? Optional.of(v) : mapped(System.getenv(), key);
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
