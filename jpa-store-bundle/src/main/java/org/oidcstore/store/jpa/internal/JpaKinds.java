package org.oidcstore.store.jpa.internal;

import java.util.function.Supplier;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.gc.ExpiredRows;
import org.oidcstore.store.jpa.internal.runtime.Jpa;
import org.oidcstore.store.jpa.internal.store.JpaAccessTokenRegistry;
import org.oidcstore.store.jpa.internal.store.JpaAuthorizationCodeStore;
import org.oidcstore.store.jpa.internal.store.JpaClientStore;
import org.oidcstore.store.jpa.internal.store.JpaConsumedJwtIdStore;
import org.oidcstore.store.jpa.internal.store.JpaGrantRevocationStore;
import org.oidcstore.store.jpa.internal.store.JpaGrantStore;
import org.oidcstore.store.jpa.internal.store.JpaInteractionStore;
import org.oidcstore.store.jpa.internal.store.JpaOpaqueAccessTokenStore;
import org.oidcstore.store.jpa.internal.store.JpaPushedAuthorizationRequestStore;
import org.oidcstore.store.jpa.internal.store.JpaRefreshTokenStore;
import org.oidcstore.store.jpa.internal.store.JpaSessionStore;
import org.oidcstore.store.jpa.internal.store.JpaUserStore;
import org.oidcstore.store.spi.HostedKinds;

/**
 * The kinds the durable tier hosts, the one place that names them: the aggregate, the
 * {@code @Durable} beans and what deployment validation knows of the tier are derived from this
 * table. Hosting a new kind is one line here, its store class, its row mapping and its migration.
 */
public final class JpaKinds implements Supplier<HostedKinds<?>> {

    /** What every JPA store is built from: the persistence runtime and the bounded sweeps. */
    record Parts(Jpa jpa, ExpiredRows expired) {
    }

    static final HostedKinds<Parts> TABLE = HostedKinds.<Parts>builder()
            .host(StoreKind.CLIENTS, JpaClientStore.class, p -> new JpaClientStore(p.jpa()))
            .host(StoreKind.USERS, JpaUserStore.class, p -> new JpaUserStore(p.jpa()))
            .host(StoreKind.AUTHORIZATION_CODES, JpaAuthorizationCodeStore.class,
                    p -> new JpaAuthorizationCodeStore(p.jpa()))
            .host(StoreKind.REFRESH_TOKENS, JpaRefreshTokenStore.class, p -> new JpaRefreshTokenStore(p.jpa()))
            .host(StoreKind.GRANTS, JpaGrantStore.class, p -> new JpaGrantStore(p.jpa()))
            .host(StoreKind.ACCESS_TOKENS, JpaAccessTokenRegistry.class,
                    p -> new JpaAccessTokenRegistry(p.jpa(), p.expired()))
            .host(StoreKind.OPAQUE_ACCESS_TOKENS, JpaOpaqueAccessTokenStore.class,
                    p -> new JpaOpaqueAccessTokenStore(p.jpa(), p.expired()))
            .host(StoreKind.GRANT_REVOCATIONS, JpaGrantRevocationStore.class,
                    p -> new JpaGrantRevocationStore(p.jpa(), p.expired()))
            .host(StoreKind.SESSIONS, JpaSessionStore.class, p -> new JpaSessionStore(p.jpa()))
            .host(StoreKind.INTERACTIONS, JpaInteractionStore.class, p -> new JpaInteractionStore(p.jpa()))
            .host(StoreKind.CONSUMED_JWT_IDS, JpaConsumedJwtIdStore.class, p -> new JpaConsumedJwtIdStore(p.jpa()))
            .host(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, JpaPushedAuthorizationRequestStore.class,
                    p -> new JpaPushedAuthorizationRequestStore(p.jpa()))
            .build();

    @Override
    public HostedKinds<?> get() {
        return TABLE;
    }
}
