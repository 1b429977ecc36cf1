package org.oidcstore.bench;

import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;

/**
 * A durable backend that is never called: it only lets the composite validate a full routing in
 * the volatile-tier cases (JMH on the memory tier, the Redis hot path), where no durable kind is
 * used. Any call of a substore fails, so a benchmark that reached it by mistake would error, not measure.
 */
final class StandInDurableStore implements OidcStore {
    private static final Set<StoreKind> KINDS = EnumSet.complementOf(EnumSet.of(StoreKind.INTERACTIONS,
            StoreKind.CONSUMED_JWT_IDS, StoreKind.PUSHED_AUTHORIZATION_REQUESTS));

    @Override public String backend() { return "stand-in"; }
    @Override public Set<StoreKind> kinds() { return KINDS; }
    @Override public boolean transactional() { return true; }
    @Override public <T> T inTransaction(Supplier<T> work) { return work.get(); }
    @Override public java.util.Optional<org.oidcstore.store.StaticClientReconciler> staticClientReconciler() {
        return java.util.Optional.empty();
    }
    @Override public java.util.Optional<org.oidcstore.store.ClientRegistry> clientRegistry() {
        return java.util.Optional.empty();
    }
    @Override public java.util.Optional<org.oidcstore.store.UserRegistry> userRegistry() {
        return java.util.Optional.empty();
    }
    /**
     * A substore whose every call fails: the composite may look at it while it validates (which
     * extension interfaces it implements), but a benchmark that called it would error.
     */
    @Override public Object store(StoreKind kind) {
        return Proxy.newProxyInstance(StandInDurableStore.class.getClassLoader(), new Class<?>[] {kind.storeType()},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "stand-in " + kind;
                        };
                    }
                    throw no();
                });
    }

    private static UnsupportedOperationException no() {
        return new UnsupportedOperationException("the stand-in durable backend is not benchmarked");
    }
}
