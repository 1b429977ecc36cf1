package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.UserStore;
import org.oidcstore.store.redis.RedisOidcStore;
import org.oidcstore.store.spi.Backends;

/** The Redis tier's aggregate: the four volatile kinds; every other accessor says where to route. */
public final class RedisAggregate implements RedisOidcStore {
    public static final String BACKEND = "redis";
    public static final Set<StoreKind> KINDS = Collections.unmodifiableSet(EnumSet.of(StoreKind.SESSIONS,
            StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS, StoreKind.PUSHED_AUTHORIZATION_REQUESTS));

    private final EngineHolder holder;
    private final Supplier<List<String>> unsafe;
    private final RedisSessionStore sessions;
    private final RedisInteractionStore interactions;
    private final RedisConsumedJwtIdStore jwtIds;
    private final RedisPushedAuthorizationRequestStore pars;

    public RedisAggregate(EngineHolder holder, Clock clock, Supplier<List<String>> unsafe) {
        this.holder = holder;
        this.unsafe = unsafe;
        this.sessions = new RedisSessionStore(holder, clock);
        this.interactions = new RedisInteractionStore(holder, clock);
        this.jwtIds = new RedisConsumedJwtIdStore(holder, clock);
        this.pars = new RedisPushedAuthorizationRequestStore(holder, clock);
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public Set<StoreKind> kinds() {
        return KINDS;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public List<String> unsafeSettings() {
        return unsafe.get();
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public InteractionStore interactions() {
        return interactions;
    }

    @Override
    public ConsumedJwtIdStore consumedJwtIds() {
        return jwtIds;
    }

    @Override
    public PushedAuthorizationRequestStore pushedAuthorizationRequests() {
        return pars;
    }

    @Override
    public ClientStore clients() {
        throw Backends.notHosted(BACKEND, KINDS, StoreKind.CLIENTS);
    }

    @Override
    public UserStore users() {
        throw Backends.notHosted(BACKEND, KINDS, StoreKind.USERS);
    }

    @Override
    public AuthorizationCodeStore authorizationCodes() {
        throw Backends.notHosted(BACKEND, KINDS, StoreKind.AUTHORIZATION_CODES);
    }

    @Override
    public RefreshTokenStore refreshTokens() {
        throw Backends.notHosted(BACKEND, KINDS, StoreKind.REFRESH_TOKENS);
    }

    @Override
    public GrantStore grants() {
        throw Backends.notHosted(BACKEND, KINDS, StoreKind.GRANTS);
    }

    @Override
    public AccessTokenRegistry accessTokens() {
        throw Backends.notHosted(BACKEND, KINDS, StoreKind.ACCESS_TOKENS);
    }

    @Override
    public OpaqueAccessTokenStore opaqueAccessTokens() {
        throw Backends.notHosted(BACKEND, KINDS, StoreKind.OPAQUE_ACCESS_TOKENS);
    }

    @Override
    public GrantRevocationStore grantRevocations() {
        throw Backends.notHosted(BACKEND, KINDS, StoreKind.GRANT_REVOCATIONS);
    }

    @Override
    public void close() {
        holder.close();
    }

    @Override
    public String toString() {
        return "RedisOidcStore[" + (holder.isClosed() ? "closed" : "open") + "]";
    }
}
