package org.oidcstore.store.composite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Backends;

/**
 * An {@link OidcStore} that only describes itself (name, kinds, transactional, unsafe settings):
 * for builder validation tests that need backends the real bundles are not (a second JPA
 * instance, a read-only clients store). Its substores record nothing and fail when called.
 */
final class FakeStore {
    private FakeStore() {
    }

    static OidcStore of(String name, boolean transactional, Set<StoreKind> kinds, String... unsafe) {
        return counting(name, transactional, kinds, -1, unsafe);
    }

    /** A fake whose {@code recordCounts()} reports {@code count} for every hosted kind (none when negative). */
    static OidcStore counting(String name, boolean transactional, Set<StoreKind> kinds, long count, String... unsafe) {
        InvocationHandler h = (proxy, method, args) -> {
            switch (method.getName()) {
                case "recordCounts":
                    java.util.Map<StoreKind, Long> counts = new java.util.EnumMap<>(StoreKind.class);
                    if (count >= 0) {
                        kinds.forEach(k -> counts.put(k, count));
                    }
                    return counts;
                case "backend":
                    return name;
                case "kinds":
                    return kinds.isEmpty() ? EnumSet.noneOf(StoreKind.class) : EnumSet.copyOf(kinds);
                case "transactional":
                    return transactional;
                case "unsafeSettings":
                    return List.of(unsafe);
                case "toString":
                    return "FakeStore[" + name + "]";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    break;
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (!method.getName().equals("store")) {
                throw new UnsupportedOperationException(method.getName());
            }
            StoreKind kind = (StoreKind) args[0];
            if (!kinds.contains(kind)) {
                throw Backends.notHosted(name, kinds, kind);
            }
            return Proxy.newProxyInstance(FakeStore.class.getClassLoader(), new Class<?>[] {kind.storeType()},
                    (p, m, a) -> {
                        throw new UnsupportedOperationException(name + " is a fake: " + m.getName());
                    });
        };
        return (OidcStore) Proxy.newProxyInstance(FakeStore.class.getClassLoader(), new Class<?>[] {OidcStore.class}, h);
    }
}
