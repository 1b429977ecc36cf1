package org.oidcstore.store.composite.internal;

import jakarta.enterprise.inject.spi.Bean;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.composite.BackendFacts;
import org.oidcstore.store.tier.StoreTier;

/** The beans one backend contributes to a tier, as seen in {@code ProcessBean} (never created). */
final class BackendBeans {
    private final String name;
    private final StoreTier tier;
    private final boolean transactional;
    private final String origin;
    private final Set<StoreKind> kinds = EnumSet.noneOf(StoreKind.class);
    private boolean reconciler;
    private final Map<Class<?>, List<String>> beansByType = new LinkedHashMap<>();
    private final Map<Class<?>, Bean<?>> beanOfType = new LinkedHashMap<>();

    BackendBeans(String name, StoreTier tier, boolean transactional, String origin) {
        this.name = name;
        this.tier = tier;
        this.transactional = transactional;
        this.origin = origin;
    }

    String name() {
        return name;
    }

    StoreTier tier() {
        return tier;
    }

    void add(Class<?> type, StoreKind kind, String bean, Bean<?> found) {
        beanOfType.putIfAbsent(type, found);
        if (kind != null) {
            kinds.add(kind);
        }
        if (type == StaticClientReconciler.class) {
            reconciler = true;
        }
        beansByType.computeIfAbsent(type, t -> new ArrayList<>()).add(bean);
    }

    /** The bean of {@code type} seen in {@code ProcessBean} (the first, when ambiguous: OIDCS-2071). */
    Bean<?> bean(Class<?> type) {
        return beanOfType.get(type);
    }

    BackendFacts facts(List<String> unsafeSettings) {
        return new BackendFacts(name, tier, kinds, transactional, reconciler, unsafeSettings, origin);
    }

    /**
     * OIDCS-2071 for every type this backend offers through more than one bean of the tier: the
     * composite's lookup of that type would be ambiguous (usually a producer of an extension
     * interface without {@code @Typed}, which then also counts as its base interface).
     */
    List<String> ambiguities() {
        List<String> out = new ArrayList<>();
        beansByType.forEach((type, beans) -> {
            if (beans.size() > 1) {
                out.add("OIDCS-2071 backend '" + name + "' (" + tier.configName() + " tier) has " + beans.size()
                        + " @" + (tier == StoreTier.DURABLE ? "Durable" : "Volatile") + " beans of type "
                        + type.getSimpleName() + ": " + String.join(", ", beans) + "; the composite's lookup would"
                        + " be ambiguous. Fix: restrict the bean types of the extension-interface producer with"
                        + " @Typed (e.g. @Typed(ClientRegistry.class)), so that each type has one bean.");
            }
        });
        return out;
    }
}
