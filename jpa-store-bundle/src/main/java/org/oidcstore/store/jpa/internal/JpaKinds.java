package org.oidcstore.store.jpa.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.store.JpaAccessTokenRegistry;
import org.oidcstore.store.jpa.internal.store.JpaAuthorizationCodeStore;
import org.oidcstore.store.jpa.internal.store.JpaAuthorizationContextStore;
import org.oidcstore.store.jpa.internal.store.JpaCibaRequestStore;
import org.oidcstore.store.jpa.internal.store.JpaClientStore;
import org.oidcstore.store.jpa.internal.store.JpaConsumedJwtIdStore;
import org.oidcstore.store.jpa.internal.store.JpaDeviceAuthorizationStore;
import org.oidcstore.store.jpa.internal.store.JpaGrantRevocationStore;
import org.oidcstore.store.jpa.internal.store.JpaGrantStore;
import org.oidcstore.store.jpa.internal.store.JpaInitialAccessTokenStore;
import org.oidcstore.store.jpa.internal.store.JpaInteractionStore;
import org.oidcstore.store.jpa.internal.store.JpaOpaqueAccessTokenStore;
import org.oidcstore.store.jpa.internal.store.JpaProviderMetadataStore;
import org.oidcstore.store.jpa.internal.store.JpaPushedAuthorizationRequestStore;
import org.oidcstore.store.jpa.internal.store.JpaRefreshTokenStore;
import org.oidcstore.store.jpa.internal.store.JpaRegistrationAccessTokenStore;
import org.oidcstore.store.jpa.internal.store.JpaSessionStore;
import org.oidcstore.store.jpa.internal.store.JpaUserStore;
import org.oidcstore.store.jpa.internal.store.StoreParts;
import org.oidcstore.store.spi.HostedKinds;

/**
 * The kinds the durable tier hosts, the one place that names them: the aggregate, the
 * {@code @Durable} beans and what deployment validation knows of the tier are derived from this
 * table, and so are the GC's sweeps and the tables {@code recordCounts} counts. Hosting a new kind
 * is one line in {@link #TABLE} (and one in {@link #SWEEPS} if its rows expire), its store class,
 * its row or entity and its migration.
 */
public final class JpaKinds implements Supplier<HostedKinds<?>> {

    static final HostedKinds<StoreParts> TABLE = HostedKinds.<StoreParts>builder()
            .host(StoreKind.CLIENTS, JpaClientStore.class, JpaClientStore::new)
            .host(StoreKind.USERS, JpaUserStore.class, JpaUserStore::new)
            .host(StoreKind.AUTHORIZATION_CODES, JpaAuthorizationCodeStore.class, JpaAuthorizationCodeStore::new)
            .host(StoreKind.REFRESH_TOKENS, JpaRefreshTokenStore.class, JpaRefreshTokenStore::new)
            .host(StoreKind.GRANTS, JpaGrantStore.class, JpaGrantStore::new)
            .host(StoreKind.ACCESS_TOKENS, JpaAccessTokenRegistry.class, JpaAccessTokenRegistry::new)
            .host(StoreKind.OPAQUE_ACCESS_TOKENS, JpaOpaqueAccessTokenStore.class, JpaOpaqueAccessTokenStore::new)
            .host(StoreKind.AUTHORIZATION_CONTEXTS, JpaAuthorizationContextStore.class,
                    JpaAuthorizationContextStore::new)
            .host(StoreKind.GRANT_REVOCATIONS, JpaGrantRevocationStore.class, JpaGrantRevocationStore::new)
            .host(StoreKind.SESSIONS, JpaSessionStore.class, JpaSessionStore::new)
            .host(StoreKind.INTERACTIONS, JpaInteractionStore.class, JpaInteractionStore::new)
            .host(StoreKind.CONSUMED_JWT_IDS, JpaConsumedJwtIdStore.class, JpaConsumedJwtIdStore::new)
            .host(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, JpaPushedAuthorizationRequestStore.class,
                    JpaPushedAuthorizationRequestStore::new)
            .host(StoreKind.DEVICE_AUTHORIZATIONS, JpaDeviceAuthorizationStore.class, JpaDeviceAuthorizationStore::new)
            .host(StoreKind.CIBA_REQUESTS, JpaCibaRequestStore.class, JpaCibaRequestStore::new)
            .host(StoreKind.INITIAL_ACCESS_TOKENS, JpaInitialAccessTokenStore.class, JpaInitialAccessTokenStore::new)
            .host(StoreKind.REGISTRATION_ACCESS_TOKENS, JpaRegistrationAccessTokenStore.class,
                    JpaRegistrationAccessTokenStore::new)
            .host(StoreKind.PROVIDER_METADATA, JpaProviderMetadataStore.class, JpaProviderMetadataStore::new)
            .build();

    /** Every sweepable table, in the order the GC sweeps them (each declared by its store class). */
    static final List<Sweep> SWEEPS = List.of(JpaAuthorizationCodeStore.SWEEP, JpaRefreshTokenStore.SWEEP,
            JpaRefreshTokenStore.LOCK_SWEEP, JpaGrantStore.SWEEP, JpaAccessTokenRegistry.SWEEP,
            JpaOpaqueAccessTokenStore.SWEEP, JpaAuthorizationContextStore.SWEEP, JpaGrantRevocationStore.TOMBSTONE_SWEEP,
            JpaGrantRevocationStore.REVOKED_JTI_SWEEP, JpaSessionStore.SWEEP, JpaInteractionStore.SWEEP,
            JpaConsumedJwtIdStore.SWEEP, JpaPushedAuthorizationRequestStore.SWEEP, JpaDeviceAuthorizationStore.SWEEP,
            JpaCibaRequestStore.SWEEP, JpaInitialAccessTokenStore.SWEEP, JpaRegistrationAccessTokenStore.SWEEP);

    /** The tables holding each kind's records ({@code recordCounts}): the swept ones and those never expiring. */
    static final Map<String, StoreKind> TABLES = tables();

    private static Map<String, StoreKind> tables() {
        Map<String, StoreKind> t = new LinkedHashMap<>();
        t.put("oidc_client", StoreKind.CLIENTS);
        t.put("oidc_user", StoreKind.USERS);
        t.put("oidc_provider_metadata", StoreKind.PROVIDER_METADATA);
        SWEEPS.stream().filter(s -> s.kind() != null).forEach(s -> t.put(s.table(), s.kind()));
        return Collections.unmodifiableMap(t);
    }

    @Override
    public HostedKinds<?> get() {
        return TABLE;
    }
}
