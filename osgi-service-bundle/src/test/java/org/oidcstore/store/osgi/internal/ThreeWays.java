package org.oidcstore.store.osgi.internal;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.composite.Route;
import org.oidcstore.store.composite.internal.StoreRoutingExtension;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.memory.internal.MemoryStoreProducer;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.redis.internal.RedisStoreProducer;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tier.StoreTier;

/**
 * One configuration given to the three ways of running the composite: a CDI deployment (Weld SE,
 * MicroProfile Config with a properties source and an environment source), the Java SE builder
 * (the application builds its volatile backend from the same properties) and the OSGi service
 * (Configuration Admin properties). Each answers with the problem ids it reports, in order, or the
 * routing table it built. Nothing connects: the Redis URIs name a port where nothing listens.
 */
final class ThreeWays {
    private static final Pattern ID = Pattern.compile("OIDCS-\\d{4}");

    /** What one way answered: the ids of the problems in order, or (when none) the routing table. */
    record Answer(List<String> ids, Map<StoreKind, Route> table) {
    }

    private ThreeWays() {
    }

    /**
     * @param properties the configuration file (CDI: ordinal 100), with the backend name under
     *     {@code oidc.store.volatile-backend}
     * @param environment environment variables (CDI: ordinal 300, overriding the file)
     */
    static Answer cdi(Map<String, String> properties, Map<String, String> environment) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(new SmallRyeConfigBuilder().withSources(
                new PropertiesConfigSource(properties, "microprofile-config.properties", 100),
                new EnvConfigSource(environment, 300)).build(), cl);
        Class<?> producer = "redis".equals(properties.get(OsgiStore.BACKEND_KEY)) ? RedisStoreProducer.class
                : MemoryStoreProducer.class;
        try (SeContainer c = SeContainerInitializer.newInstance().disableDiscovery().addBeanClasses(producer)
                .addExtensions(new StoreRoutingExtension(), new io.smallrye.config.inject.ConfigExtension())
                .addExtensions(org.oidcstore.store.tck.CdiExtensions.ofTheStoreApi())
                .initialize()) {
            return new Answer(List.of(), c.select(CompositeStore.class).get().routingTable());
        } catch (DeploymentException | DefinitionException e) {
            List<Throwable> parts = e.getSuppressed().length > 0 ? List.of(e.getSuppressed()) : List.of(e);
            return new Answer(ids(parts.stream().map(Throwable::getMessage).toList()), Map.of());
        } finally {
            resolver.releaseConfig(resolver.getConfig(cl));
        }
    }

    /** A Java SE application: its backend from the same properties, the composite from the builder. */
    static Answer builder(Map<String, String> properties, Map<String, String> environment) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        DictionaryConfig config = new DictionaryConfig(all);
        MutableClock clock = MutableClock.startingNow();
        String backend = properties.getOrDefault(OsgiStore.BACKEND_KEY, "memory");
        try {
            CompositeStore store = CompositeStores.builder().config(properties).config(environment)
                    .withTier(StoreTier.VOLATILE, backend, () -> backend.equals("redis")
                            ? RedisStores.openAtFirstUse(RedisSettings.fromConfig(config), clock)
                            : MemoryStores.fromConfig(k -> config.getOptionalValue(k, String.class), clock))
                    .build();
            close(store);
            return new Answer(List.of(), store.routingTable());
        } catch (RuntimeException e) {
            return new Answer(ids(List.of(e.getMessage().split("\n"))), Map.of());
        }
    }

    /** The OSGi service: Configuration Admin properties (the environment's names included as keys). */
    static Answer osgi(Map<String, String> properties, Map<String, String> environment) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.putAll(environment);
        try (OsgiStore s = OsgiStore.build(all, MutableClock.startingNow())) {
            return new Answer(List.of(), s.composite().routingTable());
        } catch (RuntimeException e) {
            return new Answer(ids(List.of(e.getMessage().split("\n"))), Map.of());
        }
    }

    private static List<String> ids(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ID.matcher(line);
            if (m.find() && m.start() == 0) {
                out.add(m.group());
            }
        }
        return out;
    }

    private static void close(OidcStore store) {
        if (store instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
