package org.oidcstore.bench;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
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

/**
 * A durable backend that is never called: it only lets the composite validate a full routing in
 * the volatile-tier cases (JMH on the memory tier, the Redis hot path), where no durable kind is
 * used. Any call fails, so a benchmark that reached it by mistake would error, not measure.
 */
final class StandInDurableStore implements OidcStore {
    private static final Set<StoreKind> KINDS = EnumSet.complementOf(EnumSet.of(StoreKind.INTERACTIONS,
            StoreKind.CONSUMED_JWT_IDS, StoreKind.PUSHED_AUTHORIZATION_REQUESTS));

    @Override public String backend() { return "stand-in"; }
    @Override public Set<StoreKind> kinds() { return KINDS; }
    @Override public boolean transactional() { return true; }
    @Override public <T> T inTransaction(Supplier<T> work) { return work.get(); }
    @Override public java.util.Optional<org.oidcstore.store.StaticClientReconciler> staticClientReconciler() {
        return java.util.Optional.empty();
    }
    @Override public java.util.Optional<org.oidcstore.store.ClientRegistry> clientRegistry() {
        return java.util.Optional.empty();
    }
    @Override public java.util.Optional<org.oidcstore.store.UserRegistry> userRegistry() {
        return java.util.Optional.empty();
    }
    @Override public ClientStore clients() { throw no(); }
    @Override public UserStore users() { throw no(); }
    @Override public AuthorizationCodeStore authorizationCodes() { throw no(); }
    @Override public RefreshTokenStore refreshTokens() { throw no(); }
    @Override public GrantStore grants() { throw no(); }
    @Override public AccessTokenRegistry accessTokens() { throw no(); }
    @Override public OpaqueAccessTokenStore opaqueAccessTokens() { throw no(); }
    @Override public GrantRevocationStore grantRevocations() { throw no(); }
    @Override public SessionStore sessions() { throw no(); }
    @Override public InteractionStore interactions() { throw no(); }
    @Override public ConsumedJwtIdStore consumedJwtIds() { throw no(); }
    @Override public PushedAuthorizationRequestStore pushedAuthorizationRequests() { throw no(); }

    private static UnsupportedOperationException no() {
        return new UnsupportedOperationException("the stand-in durable backend is not benchmarked");
    }
}
