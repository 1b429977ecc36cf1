package org.oidcstore.store.composite.internal.metrics;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oidcstore.store.spi.StoreEvent;

/**
 * A business counter of one API method, derived from its {@link StoreEvent} annotation: the
 * composite's metering names no kind, a kind declares its events where its methods are specified.
 *
 * @param metricName {@code oidc_store_<event>} (the exposition adds {@code _total})
 * @param description the counter's description
 * @param when which outcome of a call counts
 * @param argument the index of the argument that must be present, or -1
 * @param resultFlag the result's boolean accessor that must be true, typed {@code (Object)boolean}, or null
 * @param unwrap whether {@code resultFlag} is an accessor of an {@code Optional} result's element
 *     (an empty result then never counts)
 */
public record Business(String metricName, String description, StoreEvent.When when, int argument,
        MethodHandle resultFlag, boolean unwrap) {

    /** The events {@code method} declares, resolved once (accessors looked up now, not per call). */
    static List<Business> of(Method method) {
        List<Business> out = new ArrayList<>();
        for (StoreEvent e : method.getAnnotationsByType(StoreEvent.class)) {
            MethodHandle flag = null;
            boolean unwrap = false;
            if (!e.ifResult().isEmpty()) {
                Class<?> type = method.getReturnType();
                if (type == Optional.class && !hasAccessor(type, e.ifResult())
                        && method.getGenericReturnType() instanceof ParameterizedType p
                        && p.getActualTypeArguments()[0] instanceof Class<?> element) {
                    type = element;
                    unwrap = true;
                }
                try {
                    // adapted once to (Object)boolean, so that a call is an invokeExact without conversion
                    flag = MethodHandles.publicLookup().unreflect(type.getMethod(e.ifResult()))
                            .asType(MethodType.methodType(boolean.class, Object.class));
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException("@StoreEvent(ifResult = \"" + e.ifResult() + "\") of "
                            + method + " names no public accessor of " + type.getName(), ex);
                }
            }
            out.add(new Business("oidc_store_" + e.value(), e.description(), e.when(), e.ifArgumentPresent(), flag,
                    unwrap));
        }
        return List.copyOf(out);
    }

    private static boolean hasAccessor(Class<?> type, String name) {
        try {
            type.getMethod(name);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Whether a call that ended with {@code outcome} ({@code when}), {@code args} and {@code result} counts. */
    boolean counts(StoreEvent.When outcome, Object[] args, Object result) {
        return countsOn(outcome) && matches(args, result);
    }

    /** Whether a call that ended with {@code outcome} is of this event's kind (decided once per method). */
    boolean countsOn(StoreEvent.When outcome) {
        return outcome == when || when == StoreEvent.When.COMMITTED && outcome == StoreEvent.When.RETURNED;
    }

    /** Whether {@code args} and {@code result} meet the event's argument and result conditions. */
    boolean matches(Object[] args, Object result) {
        if (argument >= 0 && (args == null || args.length <= argument || args[argument] == null)) {
            return false;
        }
        if (resultFlag != null) {
            try {
                Object target = unwrap && result != null ? ((Optional<?>) result).orElse(null) : result;
                return target != null && (boolean) resultFlag.invokeExact(target);
            } catch (Throwable t) {
                return false;
            }
        }
        return true;
    }
}
