package org.oidcstore.store.composite.cdi;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.oidcstore.store.composite.internal.StoreRoutingExtension;

/**
 * One small Weld SE deployment: explicit bean classes (discovery off, so each test says exactly
 * which bundles are deployed), the routing extension, SmallRye Config's extension, and
 * configuration as system properties that are set for this deployment only. MicroProfile Config is
 * released before and after, so every container reads its own configuration. Every deployment has a
 * pepper ({@link #PEPPER}) unless a test removes it with {@link #without}: a deployment without one
 * is refused as unsafe (OIDCS-2061), which only the tests about that want to see.
 */
public final class Deployment implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("OIDCS-\\d{4}");
    /** 32 bytes, base64: the pepper of every test deployment (a test value, not a secret). */
    public static final String PEPPER = "Y29tcG9zaXRlLXRlc3QtcGVwcGVyLTAxMjM0NTY3ODlhYmNkZWY=";
    public static final String PEPPER_KEY = "oidc.store.secret-pepper";

    private final Map<String, String> config = new LinkedHashMap<>(Map.of(PEPPER_KEY, PEPPER));
    private final List<Class<?>> beans = new ArrayList<>();
    private final List<Extension> extensions = new ArrayList<>();
    private SeContainer container;

    public static Deployment of(Class<?>... beanClasses) {
        Deployment d = new Deployment();
        d.beans.addAll(List.of(beanClasses));
        return d;
    }

    public Deployment beans(Class<?>... more) {
        beans.addAll(List.of(more));
        return this;
    }

    public Deployment with(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Removes a key of the configuration (e.g. the default pepper). */
    public Deployment without(String key) {
        config.remove(key);
        return this;
    }

    public Deployment extension(Extension e) {
        extensions.add(e);
        return this;
    }

    /**
     * Starts a container as a server would: bean discovery on, every extension found through
     * {@code META-INF/services}, no bean class added by hand.
     */
    public SeContainer startDiscovering() {
        releaseConfig();
        config.forEach(System::setProperty);
        try {
            container = SeContainerInitializer.newInstance().initialize();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return container;
    }

    public SeContainer start() {
        releaseConfig();
        config.forEach(System::setProperty);
        SeContainerInitializer init = SeContainerInitializer.newInstance().disableDiscovery()
                .addBeanClasses(beans.toArray(Class<?>[]::new))
                .addExtensions(new StoreRoutingExtension(), new io.smallrye.config.inject.ConfigExtension())
                .addExtensions(org.oidcstore.store.tck.CdiExtensions.ofTheStoreApi());
        extensions.forEach(init::addExtensions);
        try {
            container = init.initialize();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return container;
    }

    /** Starts the deployment, expecting it to fail; returns the problem ids in order. */
    public List<String> failingIds() {
        return problemIds(failure());
    }

    /**
     * Starts the deployment, expecting it to fail with the container's deployment (or, for several
     * backends on a tier, definition) exception.
     */
    public RuntimeException failure() {
        try (this) {
            start();
        } catch (DeploymentException | DefinitionException e) {
            return e;
        }
        throw new AssertionError("the deployment started");
    }

    /** The id each reported problem starts with: Weld lists several problems as suppressed exceptions. */
    public static List<String> problemIds(Throwable e) {
        List<Throwable> parts = e.getSuppressed().length > 0 ? List.of(e.getSuppressed()) : List.of(e);
        List<String> ids = new ArrayList<>();
        for (Throwable t : parts) {
            Matcher m = ID.matcher(String.valueOf(t.getMessage()));
            ids.add(m.find() ? m.group() : "no id in: " + t.getMessage());
        }
        return ids;
    }

    @Override
    public void close() {
        try {
            if (container != null && container.isRunning()) {
                container.close();
            }
        } finally {
            config.keySet().forEach(System::clearProperty);
            releaseConfig();
        }
    }

    private static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }
}
