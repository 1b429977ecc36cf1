package org.oidcstore.store.memory.internal;

import java.lang.reflect.Field;
import java.util.EnumSet;
import java.util.Set;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.UserStore;
import org.oidcstore.store.spi.Backends;
import org.oidcstore.store.spi.SecretDigest;

/**
 * What the TCK fixture needs of the memory tier beyond its API, kept in test sources so the tier
 * offers no such door in production: a reclamation sweep now, and a second store over the same
 * maps with another digest (another "node" configured with another pepper list). It reaches the
 * tier's private maps by reflection; a renamed field fails here with its name.
 */
public final class MemoryTierAccess {
    private MemoryTierAccess() {
    }

    private static Object field(MemoryOidcStore store, String name) {
        try {
            Field f = MemoryOidcStore.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(store);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("MemoryOidcStore has no field '" + name + "' any more: update MemoryTierAccess", e);
        }
    }

    /** Reclaims every expired entry of every map of {@code store}, judged by its clock. */
    public static void sweep(MemoryOidcStore store) {
        for (Field f : MemoryOidcStore.class.getDeclaredFields()) {
            if (f.getType() == ExpiringMap.class) {
                ((ExpiringMap<?>) field(store, f.getName())).reclaim(Integer.MAX_VALUE, true);
            }
        }
    }

    /** A store over the maps of {@code store} whose bearer-secret digests use {@code digest}. */
    @SuppressWarnings("unchecked")
    public static OidcStore reopen(MemoryOidcStore store, SecretDigest digest) {
        SessionStore sessions = (SessionStore) field(store, "sessions");
        InteractionStore interactions = (InteractionStore) field(store, "interactions");
        ConsumedJwtIdStore jtis = new MemoryConsumedJwtIdStore((ExpiringMap<Boolean>) field(store, "markerMap"), digest);
        PushedAuthorizationRequestStore pars = new MemoryPushedAuthorizationRequestStore(
                (ExpiringMap<MemoryPushedAuthorizationRequestStore.Par>) field(store, "parMap"), digest);
        return new Reopened(store.kinds(), sessions, interactions, jtis, pars);
    }

    /** The volatile kinds of a memory tier, over shared maps. */
    private record Reopened(Set<StoreKind> kinds, SessionStore sessions, InteractionStore interactions,
            ConsumedJwtIdStore consumedJwtIds, PushedAuthorizationRequestStore pushedAuthorizationRequests)
            implements OidcStore {

        private Reopened {
            kinds = Set.copyOf(EnumSet.copyOf(kinds));
        }

        @Override
        public String backend() {
            return "memory";
        }

        @Override
        public boolean transactional() {
            return false;
        }

        private RuntimeException notHosted(StoreKind kind) {
            return Backends.notHosted(backend(), kinds, kind);
        }

        @Override
        public ClientStore clients() {
            throw notHosted(StoreKind.CLIENTS);
        }

        @Override
        public UserStore users() {
            throw notHosted(StoreKind.USERS);
        }

        @Override
        public AuthorizationCodeStore authorizationCodes() {
            throw notHosted(StoreKind.AUTHORIZATION_CODES);
        }

        @Override
        public RefreshTokenStore refreshTokens() {
            throw notHosted(StoreKind.REFRESH_TOKENS);
        }

        @Override
        public GrantStore grants() {
            throw notHosted(StoreKind.GRANTS);
        }

        @Override
        public AccessTokenRegistry accessTokens() {
            throw notHosted(StoreKind.ACCESS_TOKENS);
        }

        @Override
        public OpaqueAccessTokenStore opaqueAccessTokens() {
            throw notHosted(StoreKind.OPAQUE_ACCESS_TOKENS);
        }

        @Override
        public GrantRevocationStore grantRevocations() {
            throw notHosted(StoreKind.GRANT_REVOCATIONS);
        }
    }
}
