package org.oidcstore.store.tck;

import jakarta.enterprise.inject.spi.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * For tests that boot Weld SE with discovery disabled (which then loads no extension by itself):
 * the portable extensions the store API registers through {@link ServiceLoader}, so that a
 * backend's tier-qualified beans are derived from its table of hosted kinds as in a deployment.
 */
public final class CdiExtensions {
    private CdiExtensions() {
    }

    /** The store API's own extensions (not the composite's, nor third parties'). */
    public static Extension[] ofTheStoreApi() {
        List<Extension> out = new ArrayList<>();
        for (Extension e : ServiceLoader.load(Extension.class, org.oidcstore.store.OidcStore.class.getClassLoader())) {
            if (e.getClass().getName().startsWith("org.oidcstore.store.internal.")) {
                out.add(e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the store API registers no CDI extension: is store-api-bundle on the"
                    + " class path with its META-INF/services?");
        }
        return out.toArray(Extension[]::new);
    }
}
