package org.oidcstore.store.osgi.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A MicroProfile {@link Config} over the properties of a Configuration Admin PID, so that the
 * backends read {@code oidc.store.*} exactly as they do from MicroProfile Config in CDI (same keys,
 * same validation and message ids). MicroProfile semantics: an empty value is missing, and a name is
 * also found under its environment spellings ({@code oidc.store.secret-pepper} as
 * {@code OIDC_STORE_SECRET_PEPPER}), as the composite reads the same dictionary. Conversions:
 * {@code String}, {@code Integer}, {@code Long}, {@code Boolean}, {@code Double}, {@code Duration}.
 */
final class DictionaryConfig implements Config {
    private static final String SOURCE = "Configuration Admin";

    private final Map<String, String> properties;

    DictionaryConfig(Map<String, String> properties) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(
                "the configuration property " + name + " is not set"));
    }

    /** The value of {@code name}: by name, else by MicroProfile Config's environment mapping. */
    private String raw(String name) {
        String v = properties.get(name);
        if (v == null || v.isEmpty()) {
            String sanitized = name.replaceAll("[^A-Za-z0-9]", "_");
            v = properties.get(sanitized);
            v = v != null && !v.isEmpty() ? v : properties.get(sanitized.toUpperCase(java.util.Locale.ROOT));
        }
        return v;
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        String raw = raw(name);
        return new ConfigValue() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String getValue() {
                return raw == null || raw.isEmpty() ? null : raw;
            }

            @Override
            public String getRawValue() {
                return raw;
            }

            @Override
            public String getSourceName() {
                return raw == null ? null : SOURCE;
            }

            @Override
            public int getSourceOrdinal() {
                return raw == null ? 0 : ConfigSource.DEFAULT_ORDINAL;
            }
        };
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        String raw = raw(name);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(convert(name, raw.trim(), type));
    }

    private static <T> T convert(String name, String v, Class<T> type) {
        Object out;
        try {
            if (type == String.class) {
                out = v;
            } else if (type == Integer.class || type == int.class) {
                out = Integer.valueOf(v);
            } else if (type == Long.class || type == long.class) {
                out = Long.valueOf(v);
            } else if (type == Double.class || type == double.class) {
                out = Double.valueOf(v);
            } else if (type == Boolean.class || type == boolean.class) {
                out = Boolean.valueOf(v);
            } else if (type == Duration.class) {
                out = Duration.parse(v);
            } else {
                throw new IllegalArgumentException("no converter for " + type.getName() + " (property " + name + ")");
            }
        } catch (RuntimeException e) {
            // never echo the value: it may be a credential
            throw new IllegalArgumentException("the configuration property " + name + " is not a valid "
                    + type.getSimpleName(), e);
        }
        @SuppressWarnings("unchecked")
        T t = (T) out;
        return t;
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return java.util.List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("cannot unwrap to " + type.getName());
    }
}
