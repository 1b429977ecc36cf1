package org.oidcstore.store.tck.reference;

import java.util.function.Supplier;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.HostedKinds;

/**
 * The kinds the reference backend hosts, declared as a real backend declares them: kind, class,
 * factory. {@link #ALL} is the whole API (a transactional backend, for {@code AllKindsSuite});
 * {@link #VOLATILE} the six kinds of a volatile tier (for {@code VolatileTierSuite}, where every
 * other kind must fail with OIDCS-1002).
 */
public final class ReferenceKinds implements Supplier<HostedKinds<?>> {

    static final HostedKinds<ReferenceParts> VOLATILE = volatileKinds(HostedKinds.builder()).build();

    static final HostedKinds<ReferenceParts> ALL = volatileKinds(HostedKinds.<ReferenceParts>builder()
            .host(StoreKind.CLIENTS, ReferenceClientStore.class, ReferenceClientStore::new)
            .host(StoreKind.USERS, ReferenceUserStore.class, ReferenceUserStore::new)
            .host(StoreKind.AUTHORIZATION_CODES, ReferenceAuthorizationCodeStore.class,
                    ReferenceAuthorizationCodeStore::new)
            .host(StoreKind.REFRESH_TOKENS, ReferenceRefreshTokenStore.class, ReferenceRefreshTokenStore::new)
            .host(StoreKind.GRANTS, ReferenceGrantStore.class, ReferenceGrantStore::new)
            .host(StoreKind.ACCESS_TOKENS, ReferenceAccessTokenRegistry.class, ReferenceAccessTokenRegistry::new)
            .host(StoreKind.OPAQUE_ACCESS_TOKENS, ReferenceOpaqueAccessTokenStore.class,
                    ReferenceOpaqueAccessTokenStore::new)
            .host(StoreKind.AUTHORIZATION_CONTEXTS, ReferenceAuthorizationContextStore.class,
                    ReferenceAuthorizationContextStore::new)
            .host(StoreKind.GRANT_REVOCATIONS, ReferenceGrantRevocationStore.class,
                    ReferenceGrantRevocationStore::new)
            .host(StoreKind.INITIAL_ACCESS_TOKENS, ReferenceInitialAccessTokenStore.class,
                    ReferenceInitialAccessTokenStore::new)
            .host(StoreKind.REGISTRATION_ACCESS_TOKENS, ReferenceRegistrationAccessTokenStore.class,
                    ReferenceRegistrationAccessTokenStore::new)
            .host(StoreKind.PROVIDER_METADATA, ReferenceProviderMetadataStore.class,
                    ReferenceProviderMetadataStore::new)).build();

    private static HostedKinds.Builder<ReferenceParts> volatileKinds(HostedKinds.Builder<ReferenceParts> b) {
        return b.host(StoreKind.SESSIONS, ReferenceSessionStore.class, ReferenceSessionStore::new)
                .host(StoreKind.INTERACTIONS, ReferenceInteractionStore.class, ReferenceInteractionStore::new)
                .host(StoreKind.CONSUMED_JWT_IDS, ReferenceConsumedJwtIdStore.class, ReferenceConsumedJwtIdStore::new)
                .host(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, ReferencePushedAuthorizationRequestStore.class,
                        ReferencePushedAuthorizationRequestStore::new)
                .host(StoreKind.DEVICE_AUTHORIZATIONS, ReferenceDeviceAuthorizationStore.class,
                        ReferenceDeviceAuthorizationStore::new)
                .host(StoreKind.CIBA_REQUESTS, ReferenceCibaRequestStore.class, ReferenceCibaRequestStore::new);
    }

    @Override
    public HostedKinds<?> get() {
        return ALL;
    }
}
