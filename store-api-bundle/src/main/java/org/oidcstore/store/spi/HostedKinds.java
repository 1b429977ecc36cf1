package org.oidcstore.store.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.oidcstore.store.StoreKind;

/**
 * The kinds a backend hosts, declared in one place: each kind with the class that implements it
 * and how to build it from the backend's context {@code C} (its engine, clock, digest…). Everything
 * else is derived from this table: the aggregate's {@code OidcStore.store(kind)} and
 * {@code kinds()} ({@link #create}), the backend's tier-qualified CDI beans and what deployment
 * validation knows of the backend ({@link #kinds()}, {@link #types}) — the latter without building
 * anything or opening a connection. Adding a kind to a backend is one line here plus the class.
 *
 * <p>A backend makes its table known to CDI through {@code @BackendInfo(kinds = …)}: a class with a
 * public no-argument constructor that supplies it.
 *
 * @param <C> what the backend's stores are built from
 */
public final class HostedKinds<C> {
    private final Map<StoreKind, Entry<C>> entries;

    private record Entry<C>(Class<?> implementation, Function<C, ?> factory) {
    }

    private HostedKinds(Map<StoreKind, Entry<C>> entries) {
        this.entries = Collections.unmodifiableMap(new EnumMap<>(entries));
    }

    public static <C> Builder<C> builder() {
        return new Builder<>();
    }

    /**
     * The table a backend declares with {@code @BackendInfo(kinds = declaration)}: built by the
     * declaration's public no-argument constructor, without creating the backend.
     *
     * @throws IllegalStateException when the declaration cannot be instantiated
     */
    public static HostedKinds<?> declaredBy(Class<? extends java.util.function.Supplier<HostedKinds<?>>> declaration) {
        try {
            return Objects.requireNonNull(declaration.getDeclaredConstructor().newInstance().get(), "table");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the kinds declaration " + declaration.getName()
                    + " needs a public no-argument constructor", e);
        }
    }

    /** The kinds of this table. */
    public Set<StoreKind> kinds() {
        return entries.keySet();
    }

    /** The class implementing {@code kind}. */
    public Class<?> implementation(StoreKind kind) {
        return entry(kind).implementation();
    }

    /**
     * The API types the store of {@code kind} offers: its {@link StoreKind#storeType()} and the
     * kind's extension types its class implements (e.g. {@code InteractionCompareAndSwap}).
     */
    public List<Class<?>> types(StoreKind kind) {
        Class<?> impl = implementation(kind);
        List<Class<?>> out = new ArrayList<>();
        out.add(kind.storeType());
        for (Class<?> ext : kind.extensionTypes()) {
            if (ext.isAssignableFrom(impl)) {
                out.add(ext);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Builds every store of the table from {@code context}, for an aggregate.
     *
     * @param backend the backend's name, for the error of an unhosted kind
     */
    public Stores create(String backend, C context) {
        Map<StoreKind, Object> built = new EnumMap<>(StoreKind.class);
        entries.forEach((kind, e) -> {
            Object store = Objects.requireNonNull(e.factory().apply(context), kind + " factory");
            if (!e.implementation().isInstance(store)) {
                throw new IllegalStateException(kind + " built a " + store.getClass().getName() + ", not a "
                        + e.implementation().getName());
            }
            built.put(kind, store);
        });
        return new Stores(backend, built);
    }

    private Entry<C> entry(StoreKind kind) {
        Entry<C> e = entries.get(Objects.requireNonNull(kind, "kind"));
        if (e == null) {
            throw new IllegalArgumentException(kind + " is not in this table");
        }
        return e;
    }

    /** The built stores of one aggregate: {@code OidcStore.store(kind)} and {@code kinds()}. */
    public static final class Stores {
        private final String backend;
        private final Map<StoreKind, Object> stores;

        private Stores(String backend, Map<StoreKind, Object> stores) {
            this.backend = backend;
            this.stores = Collections.unmodifiableMap(stores);
        }

        public Set<StoreKind> kinds() {
            return stores.keySet();
        }

        /**
         * The store of {@code kind}.
         *
         * @throws org.oidcstore.store.StoreConfigurationException OIDCS-1002 when not hosted
         */
        public Object store(StoreKind kind) {
            Object s = stores.get(Objects.requireNonNull(kind, "kind"));
            if (s == null) {
                throw Backends.notHosted(backend, stores.keySet(), kind);
            }
            return s;
        }

        /** Every built store, for a backend that needs to reach them all (a sweep, a close). */
        public java.util.Collection<Object> all() {
            return stores.values();
        }
    }

    /** Builder of a table; each kind at most once, its class implementing the kind's interface. */
    public static final class Builder<C> {
        private final Map<StoreKind, Entry<C>> entries = new EnumMap<>(StoreKind.class);

        private Builder() {
        }

        public <T> Builder<C> host(StoreKind kind, Class<T> implementation, Function<C, ? extends T> factory) {
            Objects.requireNonNull(kind, "kind");
            if (!kind.storeType().isAssignableFrom(implementation)) {
                throw new IllegalArgumentException(implementation.getName() + " does not implement "
                        + kind.storeType().getName());
            }
            if (entries.putIfAbsent(kind, new Entry<>(implementation, Objects.requireNonNull(factory))) != null) {
                throw new IllegalArgumentException(kind + " is hosted twice");
            }
            return this;
        }

        public HostedKinds<C> build() {
            return new HostedKinds<>(entries);
        }
    }
}
