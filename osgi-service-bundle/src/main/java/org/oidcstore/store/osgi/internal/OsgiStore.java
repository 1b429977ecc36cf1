package org.oidcstore.store.osgi.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.CompositeStore;
import org.oidcstore.store.composite.RoutingValidator;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.redis.RedisOidcStore;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.tier.StoreTier;

/**
 * The composite built from one Configuration Admin configuration: the volatile backend
 * ({@code memory} or {@code redis}) and the composite over it, hosting the volatile kinds only
 * (OSGi in Karaf 4.4 has no Jakarta JPA/JTA runtime for the durable tier). Keys are those of
 * MicroProfile Config in CDI ({@code oidc.store.memory.*}, {@code oidc.store.redis.*},
 * {@code oidc.store.route.*}, {@code oidc.store.sessions.durability}, {@code oidc.store.kinds},
 * {@code oidc.store.secret-pepper}, in any spelling) plus {@value #BACKEND_KEY}, read by the
 * composite's builder as a deployment reads them.
 */
final class OsgiStore implements AutoCloseable {
    /** {@code memory} (default) or {@code redis}: the volatile backend of this service. */
    static final String BACKEND_KEY = "oidc.store.volatile-backend";
    /** The kinds hosted when {@code oidc.store.kinds} is unset. */
    static final Set<StoreKind> DEFAULT_KINDS = EnumSet.of(StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS,
            StoreKind.PUSHED_AUTHORIZATION_REQUESTS);

    private final CompositeStore composite;
    private final OidcStore backend;
    private final String backendName;

    private OsgiStore(CompositeStore composite, OidcStore backend, String backendName) {
        this.composite = composite;
        this.backend = backend;
        this.backendName = backendName;
    }

    /**
     * Validates the configuration and builds the backend and the composite. The configuration is
     * judged first, exactly as a CDI deployment judges it (the builder's one reader of every key,
     * the shared settings, the backend's {@code ConfigSafetyCheck}); the backend is created only
     * when that passed. Nothing connects: the Redis backend connects at its first operation (and
     * again after an outage).
     *
     * @throws StoreConfigurationException listing every problem, each line starting with its id
     */
    static OsgiStore build(Map<String, ?> configuration, Clock clock) {
        Map<String, String> props = strings(configuration);
        props.values().removeIf(OsgiStore::isBlank);
        String name = Optional.ofNullable(props.get(BACKEND_KEY)).map(String::trim).orElse("memory");
        DictionaryConfig config = new DictionaryConfig(props);
        Class<?> bundle = switch (name) {
            case "memory" -> MemoryStores.class;
            case "redis" -> RedisStores.class;
            default -> throw new StoreConfigurationException("OIDCS-2120 " + BACKEND_KEY + " has the value '"
                    + shown(name) + "', which is no volatile backend of the OSGi service. Fix: set " + BACKEND_KEY
                    + "=memory or " + BACKEND_KEY + "=redis.");
        };
        OidcStore[] backend = new OidcStore[1];
        Supplier<OidcStore> factory = () -> backend[0] = name.equals("redis")
                ? RedisStores.lazy(RedisSettings.fromConfig(config), clock)
                : MemoryStores.fromConfig(k -> config.getOptionalValue(k, String.class), clock);
        // ServiceLoader finds the backend's ConfigSafetyCheck through the backend bundle's loader
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(bundle.getClassLoader());
        try {
            CompositeStore composite = CompositeStore.builder().config(props).defaultKinds(DEFAULT_KINDS)
                    .withTier(StoreTier.VOLATILE, name, factory).build();
            return new OsgiStore(composite, backend[0], name);
        } catch (StoreConfigurationException e) {
            if (backend[0] != null) {
                close(backend[0]);
                throw e;
            }
            throw withRefusedSettings(e, name, config);
        } catch (RuntimeException e) {
            if (backend[0] != null) {
                close(backend[0]);
            }
            throw e;
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /**
     * The composite's problems and, after them, the settings the backend itself would refuse at
     * start (its own ids), each once: the backend was not created, so say everything now.
     */
    private static StoreConfigurationException withRefusedSettings(StoreConfigurationException composite,
            String name, DictionaryConfig config) {
        Set<String> lines = new LinkedHashSet<>(List.of(composite.getMessage().split("\n")));
        List<String> problems = new ArrayList<>(lines.stream().filter(l -> l.startsWith("OIDCS-")).toList());
        try {
            if (name.equals("redis")) {
                RedisSettings.fromConfig(config);
            } else {
                MemorySettings.fromConfig(config);
            }
        } catch (StoreConfigurationException refused) {
            for (String l : refused.getMessage().split("\n")) {
                if (l.startsWith("OIDCS-") && !problems.contains(l)) {
                    problems.add(l);
                }
            }
        }
        return new StoreConfigurationException(problems.size() + " problem(s) in the oidc-store configuration:\n"
                + String.join("\n", problems));
    }

    CompositeStore composite() {
        return composite;
    }

    /** What the service registration advertises: never a credential or the pepper. */
    Dictionary<String, Object> serviceProperties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(BACKEND_KEY, backendName);
        p.put(RoutingValidator.KINDS_KEY, composite.kinds().stream().map(StoreKind::configName)
                .collect(Collectors.joining(",")));
        p.put(RoutingValidator.SESSION_DURABILITY_KEY, composite.sessionDurability().configName());
        return p;
    }

    /** Configuration Admin values as strings (arrays and collections as comma lists); framework keys dropped. */
    static Map<String, String> strings(Map<String, ?> configuration) {
        Map<String, String> out = new LinkedHashMap<>();
        configuration.forEach((k, v) -> {
            if (v == null || k.startsWith("service.") || k.startsWith("component.") || k.startsWith("felix.")) {
                return;
            }
            String s;
            if (v instanceof Object[] a) {
                List<String> parts = new ArrayList<>();
                for (Object o : a) {
                    parts.add(String.valueOf(o));
                }
                s = String.join(",", parts);
            } else if (v instanceof Iterable<?> it) {
                List<String> parts = new ArrayList<>();
                it.forEach(o -> parts.add(String.valueOf(o)));
                s = String.join(",", parts);
            } else {
                s = String.valueOf(v);
            }
            out.put(k, s);
        });
        return out;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String shown(String raw) {
        String v = raw.strip().replaceAll("\\p{Cntrl}", "?");
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }

    private static void close(OidcStore backend) {
        if (backend instanceof RedisOidcStore r) {
            r.close();
        }
    }

    /** Closes the backend (the Redis client); the memory tier just goes away. */
    @Override
    public void close() {
        close(backend);
    }
}
