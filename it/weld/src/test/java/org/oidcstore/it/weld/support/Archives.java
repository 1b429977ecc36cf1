package org.oidcstore.it.weld.support;

import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * Builds the deployments: a bean archive ({@code beans.xml}, annotated discovery) holding the
 * backends' producer classes and the test beans, configured by a
 * {@code META-INF/microprofile-config.properties} inside the archive. Weld embedded makes the
 * archive's class loader the context class loader while it is deployed, so SmallRye Config reads
 * exactly this file (plus system properties and the environment) for this deployment. The
 * composite needs no class in the archive: its extension (service-loaded) adds its producers.
 */
public final class Archives {
    private static final String BEANS_XML = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    private Archives() {
    }

    public static JavaArchive deployment(String name, Map<String, String> config, Class<?>... classes) {
        String props = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ShrinkWrap.create(JavaArchive.class, name).addClasses(classes)
                .addAsManifestResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsManifestResource(new StringAsset(props), "microprofile-config.properties");
    }
}
