package org.oidcstore.store.composite.internal;

/**
 * The application's configuration as a {@link ConfigLookup}: MicroProfile Config when its API is
 * present, else system properties and the environment with MicroProfile Config's name mapping.
 * {@link MpConfigLookup} is loaded only after the API was found.
 */
final class CurrentConfig {
    private CurrentConfig() {
    }

    static ConfigLookup lookup() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, CurrentConfig.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return ConfigLookup.system();
        }
        return MpConfigLookup.create();
    }
}
