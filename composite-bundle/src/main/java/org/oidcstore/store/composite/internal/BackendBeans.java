package org.oidcstore.store.composite.internal;

import jakarta.enterprise.inject.spi.Bean;
import java.util.ArrayList;
import java.util.List;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.spi.HostedKinds;
import org.oidcstore.store.tier.StoreTier;

/**
 * One backend of a tier as seen in {@code ProcessBean} (never created): its aggregate bean, the
 * {@code @BackendInfo} of its producer and the table of the kinds it hosts, which that annotation
 * names. Everything validation knows of the backend comes from these, not from the backend.
 */
final class BackendBeans {
    private final String name;
    private final StoreTier tier;
    private final boolean transactional;
    private final HostedKinds<?> table;
    private final String origin;
    private final List<String> aggregates = new ArrayList<>();
    private Bean<?> aggregate;

    BackendBeans(String name, StoreTier tier, boolean transactional, HostedKinds<?> table, String origin) {
        this.name = name;
        this.tier = tier;
        this.transactional = transactional;
        this.table = table;
        this.origin = origin;
    }

    String name() {
        return name;
    }

    StoreTier tier() {
        return tier;
    }

    void add(String described, Bean<?> bean) {
        aggregates.add(described);
        if (aggregate == null) {
            aggregate = bean;
        }
    }

    /** The aggregate bean seen in {@code ProcessBean} (the first, when several: OIDCS-2071). */
    Bean<?> aggregate() {
        return aggregate;
    }

    BackendFacts facts(List<String> unsafeSettings) {
        boolean reconciler = table.kinds().stream().anyMatch(k -> table.types(k).contains(StaticClientReconciler.class));
        return new BackendFacts(name, tier, table.kinds(), transactional, reconciler, unsafeSettings, origin);
    }

    /** The beans offering this backend's aggregate, described (more than one: OIDCS-2071). */
    List<String> aggregateBeans() {
        return List.copyOf(aggregates);
    }
}
