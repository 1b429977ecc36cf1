package org.oidcstore.store.composite.internal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tier.StoreTier;

/**
 * What deployment validation knows about one backend without creating it.
 *
 * <p>In CDI these facts come from bean metadata only: the substore interfaces that have a bean
 * with the tier's qualifier, {@code @BackendInfo} on the producing bean class, and the backend's
 * {@code ConfigSafetyCheck} fed with configuration. For the builder they come from the
 * {@link OidcStore} instance ({@link #of(OidcStore, StoreTier)}).
 *
 * @param name the backend's name, as {@code OidcStore.backend()}
 * @param tier the tier it serves
 * @param kinds the kinds it hosts
 * @param transactional whether its writes join JTA transactions
 * @param staticClientReconciler whether its Clients store can reconcile static clients
 * @param unsafeSettings unsafe, unacknowledged settings it reports (sentences naming the key)
 * @param origin where it was found, for messages (a producer class, {@code builder})
 */
public record BackendFacts(
        String name,
        StoreTier tier,
        Set<StoreKind> kinds,
        boolean transactional,
        boolean staticClientReconciler,
        List<String> unsafeSettings,
        String origin) {

    public BackendFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tier, "tier");
        kinds = kinds.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(StoreKind.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        unsafeSettings = List.copyOf(unsafeSettings);
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * The facts of a store instance placed on {@code tier}. Asks the store only what its
     * {@code OidcStore} methods answer without I/O: name, kinds, transactional, unsafe settings,
     * and whether its Clients store is a reconciler.
     */
    public static BackendFacts of(OidcStore store, StoreTier tier) {
        return of(store, store.backend(), tier);
    }

    /** As {@link #of(OidcStore, StoreTier)}, under another name (to tell two instances apart). */
    public static BackendFacts of(OidcStore store, String name, StoreTier tier) {
        boolean reconciler = DerivedKinds.staticClientHost().filter(store.kinds()::contains)
                .flatMap(k -> store.extension(k, StaticClientReconciler.class)).isPresent();
        return new BackendFacts(name, tier, store.kinds(), store.transactional(), reconciler,
                store.unsafeSettings(), "builder");
    }

    /** {@code 'jpa' (durable tier)}, for messages. */
    public String label() {
        return "'" + name + "' (" + tier.configName() + " tier)";
    }
}
