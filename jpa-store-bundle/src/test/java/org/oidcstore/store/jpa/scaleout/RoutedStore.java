package org.oidcstore.store.jpa.scaleout;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StoreKind;

/**
 * An {@link OidcStore} whose every call runs on the store of the calling thread's node: threads are
 * dealt to nodes in turn as they first call, so the threads of a TCK race write through different
 * database nodes, and a transaction (one thread) stays on one node. Substores and extensions
 * handed out are routed the same way, per call, so a substore obtained on one thread and used on
 * another still goes through the using thread's node.
 */
final class RoutedStore {
    private final IntFunction<OidcStore> nodes;
    private final int nodeCount;
    private final AtomicInteger dealt = new AtomicInteger();
    private final ThreadLocal<Integer> node;

    private RoutedStore(IntFunction<OidcStore> nodes, int nodeCount) {
        this.nodes = nodes;
        this.nodeCount = nodeCount;
        this.node = ThreadLocal.withInitial(() -> 1 + dealt.getAndIncrement() % nodeCount);
    }

    /** A store routing each thread to one of {@code nodeCount} stores, {@code nodes.apply(1..nodeCount)}. */
    static OidcStore over(int nodeCount, IntFunction<OidcStore> nodes) {
        RoutedStore r = new RoutedStore(nodes, nodeCount);
        return (OidcStore) Proxy.newProxyInstance(RoutedStore.class.getClassLoader(), new Class<?>[] {OidcStore.class},
                r.rootHandler());
    }

    private OidcStore current() {
        return nodes.apply(node.get());
    }

    private InvocationHandler rootHandler() {
        return (proxy, method, args) -> {
            if (method.getName().equals("store") && args != null && args.length == 1 && args[0] instanceof StoreKind kind) {
                return substore(kind);
            }
            OidcStore target = current();
            if (method.isDefault() && target.getClass().getMethod(method.getName(), method.getParameterTypes()).isDefault()) {
                // clients(), extension(…) as the interface defines them: through store(kind) above, hence routed
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "RoutedStore over " + nodeCount + " nodes";
                };
            }
            return call(method, target, args);
        };
    }

    private Object substore(StoreKind kind) {
        Set<Class<?>> types = new LinkedHashSet<>();
        collectInterfaces(nodes.apply(1).store(kind).getClass(), types);
        return Proxy.newProxyInstance(RoutedStore.class.getClassLoader(), types.toArray(Class<?>[]::new),
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "routed " + kind;
                        };
                    }
                    return call(method, current().store(kind), args);
                });
    }

    private static void collectInterfaces(Class<?> c, Set<Class<?>> out) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            List<Class<?>> todo = new ArrayList<>(List.of(k.getInterfaces()));
            while (!todo.isEmpty()) {
                Class<?> i = todo.remove(0);
                if (i.getPackageName().startsWith("org.oidcstore.store") && !i.getPackageName().contains("internal")
                        && out.add(i)) {
                    todo.addAll(List.of(i.getInterfaces()));
                }
            }
        }
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
