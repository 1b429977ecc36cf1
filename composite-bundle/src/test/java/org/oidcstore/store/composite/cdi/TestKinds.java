package org.oidcstore.store.composite.cdi;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.oidcstore.store.ClientRegistry;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.HostedKinds;
import org.oidcstore.store.tier.StoreTier;

/**
 * Tables of hosted kinds for the test backends, which are never created: each kind's
 * "implementation" is its interface (or an interface adding extensions), and building a store
 * refuses to run (see {@link Refuse}).
 */
final class TestKinds {
    private TestKinds() {
    }

    /** A Clients store that is also a registry and a reconciler. */
    interface WritableClients extends ClientStore, ClientRegistry, StaticClientReconciler {
    }

    private static final Set<StoreKind> DURABLE = EnumSet.of(StoreKind.CLIENTS, StoreKind.USERS,
            StoreKind.AUTHORIZATION_CODES, StoreKind.REFRESH_TOKENS, StoreKind.GRANTS, StoreKind.ACCESS_TOKENS,
            StoreKind.OPAQUE_ACCESS_TOKENS, StoreKind.AUTHORIZATION_CONTEXTS, StoreKind.GRANT_REVOCATIONS,
            StoreKind.SESSIONS,
            StoreKind.INITIAL_ACCESS_TOKENS, StoreKind.REGISTRATION_ACCESS_TOKENS, StoreKind.PROVIDER_METADATA);

    private static HostedKinds<?> table(Set<StoreKind> kinds, boolean writableClients) {
        HostedKinds.Builder<Object> b = HostedKinds.builder();
        for (StoreKind k : kinds) {
            Class<?> type = k == StoreKind.CLIENTS && writableClients ? WritableClients.class : k.storeType();
            host(b, k, type);
        }
        return b.build();
    }

    private static <T> void host(HostedKinds.Builder<Object> b, StoreKind kind, Class<T> type) {
        b.host(kind, type, p -> Refuse.create("test " + kind + " store"));
    }

    /** Every durable kind (and sessions), with writable clients. */
    public static final class Durable implements Supplier<HostedKinds<?>> {
        @Override
        public HostedKinds<?> get() {
            return table(DURABLE, true);
        }
    }

    /** As {@link Durable}, without users. */
    public static final class DurableWithoutUsers implements Supplier<HostedKinds<?>> {
        @Override
        public HostedKinds<?> get() {
            Set<StoreKind> kinds = EnumSet.copyOf(DURABLE);
            kinds.remove(StoreKind.USERS);
            return table(kinds, true);
        }
    }

    /** As {@link Durable}, with a read-only Clients store (no registry, no reconciler). */
    public static final class DurableReadOnlyClients implements Supplier<HostedKinds<?>> {
        @Override
        public HostedKinds<?> get() {
            return table(DURABLE, false);
        }
    }

    /** Every volatile-by-default kind, and sessions (what the memory and Redis backends host). */
    public static final class Volatile implements Supplier<HostedKinds<?>> {
        @Override
        public HostedKinds<?> get() {
            Set<StoreKind> kinds = EnumSet.of(StoreKind.SESSIONS);
            for (StoreKind k : StoreKind.values()) {
                if (k.defaultTier() == StoreTier.VOLATILE) {
                    kinds.add(k);
                }
            }
            return table(kinds, false);
        }
    }
}
