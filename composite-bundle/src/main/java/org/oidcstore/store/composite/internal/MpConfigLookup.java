package org.oidcstore.store.composite.internal;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** {@link ConfigLookup} on MicroProfile Config; only loaded after {@link CurrentConfig#lookup()} found the API. */
final class MpConfigLookup implements ConfigLookup {
    private final Config config;

    private MpConfigLookup(Config config) {
        this.config = config;
    }

    static ConfigLookup create() {
        return new MpConfigLookup(ConfigProvider.getConfig());
    }

    /** A lookup on a given configuration (tests, programmatic use inside the bundle). */
    static ConfigLookup of(Config config) {
        return new MpConfigLookup(config);
    }

    @Override
    public Optional<String> get(String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isEmpty());
    }

    @Override
    public Iterable<String> names() {
        return config.getPropertyNames();
    }
}
