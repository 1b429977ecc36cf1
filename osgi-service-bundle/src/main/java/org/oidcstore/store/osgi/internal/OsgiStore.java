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
import org.oidcstore.store.composite.CompositeStores;
import org.oidcstore.store.composite.CompositeKeys;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.memory.MemoryStores;
import org.oidcstore.store.redis.RedisStore;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.redis.RedisStores;
import org.oidcstore.store.tier.StoreTier;

/**
 * The composite built from one Configuration Admin configuration: the volatile backend
 * ({@code memory} or {@code redis}), optionally the durable one ({@code jpa}, see
 * {@link DurableTier}), and the composite over them. Without a durable tier it hosts the volatile
 * kinds only; with one, every kind. Keys are those of MicroProfile Config in CDI
 * ({@code oidc.store.memory.*}, {@code oidc.store.redis.*}, {@code oidc.store.jpa.*},
 * {@code oidc.store.route.*}, {@code oidc.store.sessions.durability}, {@code oidc.store.kinds},
 * {@code oidc.store.secret-pepper}, in any spelling) plus {@value #BACKEND_KEY} and
 * {@value OsgiKeys#DURABLE_BACKEND_KEY}, read by the composite's builder as a deployment reads them.
 */
final class OsgiStore implements AutoCloseable {
    /** {@code memory} (default) or {@code redis}: the volatile backend of this service. */
    static final String BACKEND_KEY = OsgiKeys.VOLATILE_BACKEND_KEY;
    /** The kinds hosted without a durable tier when {@code oidc.store.kinds} is unset: the volatile ones. */
    static final Set<StoreKind> DEFAULT_KINDS = java.util.Arrays.stream(StoreKind.values())
            .filter(k -> k.defaultTier() == StoreTier.VOLATILE)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(StoreKind.class)));

    private final CompositeStore composite;
    private final OidcStore backend;
    private final String backendName;
    /** The JPA store, or null; typed OidcStore so that this class loads without the JPA bundle. */
    private final OidcStore durable;

    private OsgiStore(CompositeStore composite, OidcStore backend, String backendName, OidcStore durable) {
        this.composite = composite;
        this.backend = backend;
        this.backendName = backendName;
        this.durable = durable;
    }

    /**
     * Validates the configuration and builds the backends and the composite. The configuration is
     * judged first, exactly as a CDI deployment judges it (the builder's one reader of every key,
     * the shared settings, the backends' {@code ConfigSafetyCheck}s), together with the durable
     * tier's own settings; every problem is reported at once and the backends are created only
     * when none was found. Then the durable tier (when configured) connects, migrates and deploys;
     * the Redis backend connects at its first operation (and again after an outage). On any
     * failure what was opened is closed again.
     *
     * @throws StoreConfigurationException listing every problem, each line starting with its id
     */
    static OsgiStore build(Map<String, ?> configuration, Clock clock) {
        Map<String, String> props = strings(configuration);
        props.values().removeIf(OsgiStore::isBlank);
        String name = Optional.ofNullable(props.get(BACKEND_KEY)).map(String::trim).orElse("memory");
        DictionaryConfig config = new DictionaryConfig(props);
        // DurableTier (and with it the JPA bundle) is loaded only when a durable tier is asked for
        boolean withDurable = OsgiKeys.durableRequested(props);
        List<String> durableProblems = new ArrayList<>();
        Optional<DurableTier> durableTier = withDurable ? DurableTier.fromConfig(props, config, durableProblems)
                : Optional.empty();
        Class<?> bundle = switch (name) {
            case "memory" -> MemoryStores.class;
            case "redis" -> RedisStores.class;
            default -> null;
        };
        // an unknown volatile backend: the routing and the other settings are still judged, all at once
        List<String> early = new ArrayList<>();
        if (bundle == null) {
            early.add(OsgiMessages.UNKNOWN_VOLATILE_BACKEND + " " + BACKEND_KEY + " has the value '" + shown(name) + "', which is no volatile"
                    + " backend of the OSGi service. Fix: set " + BACKEND_KEY + "=memory or " + BACKEND_KEY + "=redis.");
        }
        early.addAll(durableProblems);
        OidcStore[] backend = new OidcStore[1];
        OidcStore[] durable = new OidcStore[1];
        Supplier<OidcStore> factory = () -> backend[0] = !early.isEmpty()
                ? fail(early)
                : name.equals("redis") ? RedisStores.openAtFirstUse(RedisSettings.fromConfig(config), clock)
                : MemoryStores.fromConfig(k -> config.getOptionalValue(k, String.class), clock);
        // ServiceLoader finds the backend's ConfigSafetyCheck through the backend bundle's loader
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        if (bundle != null) {
            thread.setContextClassLoader(bundle.getClassLoader());
        }
        try {
            CompositeStores.Builder builder = CompositeStores.builder().config(props)
                    .defaultKinds(withDurable ? EnumSet.allOf(StoreKind.class) : DEFAULT_KINDS)
                    .withTier(StoreTier.VOLATILE, name, factory);
            if (withDurable) {
                // runs only when the configuration passed; a durable-settings problem stops it first
                builder.withTier(StoreTier.DURABLE, "jpa", () -> durable[0] = durableTier.isPresent() && early.isEmpty()
                        ? durableTier.get().open(clock) : fail(early));
            }
            CompositeStore composite = builder.build();
            return new OsgiStore(composite, backend[0], name, durable[0]);
        } catch (StoreConfigurationException e) {
            closeAll(backend[0], durable[0]);
            if (backend[0] != null || durable[0] != null) {
                throw e;
            }
            throw withRefusedSettings(e, name, config, early);
        } catch (RuntimeException | Error e) {
            closeAll(backend[0], durable[0]);
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
            String name, DictionaryConfig config, List<String> early) {
        Set<String> lines = new LinkedHashSet<>(early);
        lines.addAll(List.of(composite.getMessage().split("\n")));
        List<String> problems = new ArrayList<>(lines.stream().filter(l -> l.startsWith("OIDCS-")).toList());
        try {
            if (name.equals("redis")) {
                RedisSettings.fromConfig(config);
            } else if (name.equals("memory")) {
                MemorySettings.fromConfig(config);
            }
        } catch (StoreConfigurationException refused) {
            for (String l : refused.getMessage().split("\n")) {
                if (l.startsWith("OIDCS-") && !problems.contains(l)) {
                    problems.add(l);
                }
            }
        }
        return new StoreConfigurationException(problemsMessage(problems));
    }

    /** One problem as it is; several under a header that counts them. */
    private static String problemsMessage(List<String> problems) {
        return problems.size() == 1 ? problems.get(0)
                : problems.size() + " problem(s) in the oidc-store configuration:\n" + String.join("\n", problems);
    }

    /** Refuses to create a backend while settings the builder cannot judge were found wrong. */
    private static OidcStore fail(List<String> problems) {
        throw new StoreConfigurationException(problemsMessage(problems));
    }

    CompositeStore composite() {
        return composite;
    }

    /** What the service registration advertises: never a credential or the pepper. */
    Dictionary<String, Object> serviceProperties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(BACKEND_KEY, backendName);
        p.put(OsgiKeys.DURABLE_BACKEND_KEY, durable == null ? "none" : durable.backend());
        p.put(CompositeKeys.KINDS_KEY, composite.kinds().stream().map(StoreKind::configName)
                .collect(Collectors.joining(",")));
        p.put(CompositeKeys.SESSION_DURABILITY_KEY, composite.sessionDurability().configName());
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

    private static void closeAll(OidcStore backend, OidcStore durable) {
        try {
            if (backend != null) {
                close(backend);
            }
        } finally {
            if (durable != null) {
                DurableTier.close(durable);
            }
        }
    }

    private static void close(OidcStore backend) {
        if (backend instanceof RedisStore r) {
            r.close();
        }
    }

    /** Closes the backends (the Redis client, the JPA store and its pool); the memory tier just goes away. */
    @Override
    public void close() {
        try {
            close(backend);
        } finally {
            if (durable != null) {
                DurableTier.close(durable);
            }
        }
    }
}
