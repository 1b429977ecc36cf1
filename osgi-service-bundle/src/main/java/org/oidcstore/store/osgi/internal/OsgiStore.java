package org.oidcstore.store.osgi.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.tier.StoreTier;

/**
 * The composite built from one Configuration Admin configuration: the volatile backend
 * ({@code memory} or {@code redis}), optionally the durable one ({@code jpa}, see
 * {@link DurableTier}), and the composite over them. Without a durable tier it hosts the volatile
 * kinds only; with one, all twelve. Keys are those of MicroProfile Config in CDI
 * ({@code oidc.store.memory.*}, {@code oidc.store.redis.*}, {@code oidc.store.jpa.*},
 * {@code oidc.store.route.*}, {@code oidc.store.sessions.durability}, {@code oidc.store.kinds},
 * {@code oidc.store.secret-pepper}) plus {@value #BACKEND_KEY} and {@value DurableTier#BACKEND_KEY}.
 */
final class OsgiStore implements AutoCloseable {
    /** {@code memory} (default) or {@code redis}: the volatile backend of this service. */
    static final String BACKEND_KEY = "oidc.store.volatile-backend";
    static final String PEPPER_KEY = "oidc.store.secret-pepper";
    /** The kinds hosted when {@code oidc.store.kinds} is unset. */
    static final Set<StoreKind> DEFAULT_KINDS = EnumSet.of(StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS,
            StoreKind.PUSHED_AUTHORIZATION_REQUESTS);

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
     * Validates the configuration and builds the backends and the composite. Every problem of the
     * volatile and durable settings and of the routing is reported at once, before anything
     * connects; then the durable tier (when configured) connects, migrates and deploys. The Redis
     * backend connects at its first operation (and again after an outage). On any failure what was
     * opened is closed again.
     *
     * @throws StoreConfigurationException listing the problems, each line starting with its id
     */
    static OsgiStore build(Map<String, ?> configuration, Clock clock) {
        Map<String, String> props = strings(configuration);
        String name = Optional.ofNullable(props.get(BACKEND_KEY)).map(String::trim).filter(s -> !s.isEmpty())
                .orElse("memory");
        DictionaryConfig config = new DictionaryConfig(props);
        List<String> problems = new ArrayList<>();
        // DurableTier (and with it the JPA bundle) is loaded only when a durable tier is asked for
        boolean withDurable = durableRequested(props);
        OidcStore backend = null;
        try {
            backend = switch (name) {
                case "memory" -> MemoryStores.create(MemorySettings.fromConfig(config), clock,
                        SecretDigest.fromConfig(Optional.ofNullable(props.get(PEPPER_KEY)).filter(s -> !s.isEmpty())));
                case "redis" -> RedisStores.lazy(RedisSettings.fromConfig(config), clock);
                default -> throw new StoreConfigurationException("OIDCS-2120 " + BACKEND_KEY + " has the value '"
                        + shown(name) + "', which is no volatile backend of the OSGi service. Fix: set " + BACKEND_KEY
                        + "=memory or " + BACKEND_KEY + "=redis.");
            };
        } catch (StoreConfigurationException e) {
            if (!withDurable) {
                throw e;
            }
            problems.addAll(problemLines(e));
        }
        Optional<?> durableTier = withDurable ? DurableTier.fromConfig(props, config, problems) : Optional.empty();
        OidcStore durable = null;
        try {
            Map<String, String> routing = new LinkedHashMap<>(props);
            if (!withDurable && isBlank(routing.get(RoutingValidator.KINDS_KEY))) {
                Set<StoreKind> kinds = EnumSet.copyOf(DEFAULT_KINDS);
                if ("volatile".equalsIgnoreCase(String.valueOf(routing.get(RoutingValidator.SESSION_DURABILITY_KEY))
                        .trim())) {
                    kinds.add(StoreKind.SESSIONS);
                }
                routing.put(RoutingValidator.KINDS_KEY,
                        kinds.stream().map(StoreKind::configName).collect(Collectors.joining(",")));
            }
            routing.values().removeIf(OsgiStore::isBlank);
            if (withDurable) {
                problems.addAll(DurableTier.routingProblems(backend, routing));
            }
            if (!problems.isEmpty()) {
                throw new StoreConfigurationException(problems.size() + " problem(s) in the configuration "
                        + StoreComponent.PID + ":\n" + String.join("\n", problems));
            }
            CompositeStore.Builder builder = CompositeStore.builder().withTier(StoreTier.VOLATILE, backend);
            if (withDurable) {
                durable = ((DurableTier) durableTier.orElseThrow()).open(clock);
                builder.withTier(StoreTier.DURABLE, durable);
            }
            CompositeStore composite = builder.config(routing).build();
            return new OsgiStore(composite, backend, name, durable);
        } catch (RuntimeException | Error e) {
            close(backend);
            if (durable != null) {
                DurableTier.close(durable);
            }
            throw e;
        }
    }

    CompositeStore composite() {
        return composite;
    }

    /** What the service registration advertises: never a credential or the pepper. */
    Dictionary<String, Object> serviceProperties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(BACKEND_KEY, backendName);
        p.put(DurableTier.BACKEND_KEY, durable == null ? "none" : durable.backend());
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

    /** The problem lines of a settings reader's exception, without its "N problem(s) in ..." header. */
    private static List<String> problemLines(StoreConfigurationException e) {
        List<String> lines = e.getMessage().lines().toList();
        return !lines.isEmpty() && lines.get(0).matches("\\d+ problem\\(s\\) .*") ? lines.subList(1, lines.size()) : lines;
    }

    /** {@code oidc.store.durable-backend} is set and not {@code none}. */
    static boolean durableRequested(Map<String, String> props) {
        String v = props.get(DurableTier.BACKEND_KEY);
        return v != null && !v.isBlank() && !v.trim().equalsIgnoreCase("none");
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
