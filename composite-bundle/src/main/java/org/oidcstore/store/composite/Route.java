package org.oidcstore.store.composite;

import java.util.Objects;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tier.StoreTier;

/**
 * Where one kind is served: a line of the routing table.
 *
 * @param kind the kind
 * @param tier the tier it is routed to
 * @param backend the name of the backend serving it ({@code jpa}, {@code memory}, {@code redis})
 * @param reason what decided the tier, e.g. {@code oidc.store.route.sessions=volatile},
 *     {@code oidc.store.sessions.durability=volatile}, {@code oidc.store.route.default=durable},
 *     {@code default tier}, {@code with(SESSIONS, store)}
 */
public record Route(StoreKind kind, StoreTier tier, String backend, String reason) {

    public Route {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return kind.configName() + " -> " + tier.configName() + " (" + backend + ", " + reason + ")";
    }
}
