package org.oidcstore.store.composite.internal;

import java.util.Arrays;
import java.util.Optional;
import org.oidcstore.store.StaticClientReconciler;
import org.oidcstore.store.StoreKind;

/**
 * The kinds the composite treats apart, found from {@link StoreKind}'s own facts so that no file of
 * the composite names a kind: adding a kind to the enum needs no change here.
 */
final class DerivedKinds {
    private DerivedKinds() {
    }

    /** The kind whose tier follows the session durability posture ({@link StoreKind#postureRouted()}). */
    static Optional<StoreKind> postureRouted() {
        return Arrays.stream(StoreKind.values()).filter(StoreKind::postureRouted).findFirst();
    }

    /**
     * The kind static clients are seeded into: the one whose backend may offer a
     * {@link StaticClientReconciler} (one of its {@link StoreKind#extensionTypes()}).
     */
    static Optional<StoreKind> staticClientHost() {
        return Arrays.stream(StoreKind.values())
                .filter(k -> k.extensionTypes().contains(StaticClientReconciler.class)).findFirst();
    }
}
