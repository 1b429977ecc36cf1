package org.oidcstore.store.memory.internal;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ClientStore;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.RefreshTokenStore;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.UserStore;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.Backends;
import org.oidcstore.store.spi.SecretDigest;

/** The in-process volatile tier: sessions, interactions, JWT-ID markers and pushed requests. */
public final class MemoryOidcStore implements OidcStore {
    private static final Set<StoreKind> KINDS = Collections.unmodifiableSet(EnumSet.of(StoreKind.SESSIONS,
            StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS, StoreKind.PUSHED_AUTHORIZATION_REQUESTS));

    private final ExpiringMap<Session> sessionMap;
    /** The chooser-group index of the sessions: group, then its members' sids. */
    private final ConcurrentHashMap<String, Set<String>> groups;
    private final ExpiringMap<Interaction> interactionMap;
    private final ExpiringMap<Boolean> markerMap;
    private final ExpiringMap<MemoryPushedAuthorizationRequestStore.Par> parMap;
    private final MemorySessionStore sessions;
    private final MemoryInteractionStore interactions;
    private final MemoryConsumedJwtIdStore jtis;
    private final MemoryPushedAuthorizationRequestStore pars;

    public MemoryOidcStore(MemorySettings settings, Clock clock, SecretDigest digest) {
        settings.validate();
        int cap = settings.capacity();
        int batch = settings.sweepBatch();
        ConcurrentHashMap<String, Set<String>> groups = new ConcurrentHashMap<>();
        this.groups = groups;
        this.sessionMap = new ExpiringMap<>("sessions", clock, cap, batch,
                (sid, s) -> MemorySessionStore.unindex(groups, s.chooserGroup(), sid));
        this.interactionMap = new ExpiringMap<>("interactions", clock, cap, batch, null);
        this.markerMap = new ExpiringMap<>("consumed-jwt-ids", clock, cap, batch, null);
        this.parMap = new ExpiringMap<>("pushed-authorization-requests", clock, cap, batch, null);
        this.sessions = new MemorySessionStore(sessionMap, groups);
        this.interactions = new MemoryInteractionStore(interactionMap, settings.maxStateBytes());
        this.jtis = new MemoryConsumedJwtIdStore(markerMap, digest);
        this.pars = new MemoryPushedAuthorizationRequestStore(parMap, digest);
    }

    @Override
    public String backend() {
        return "memory";
    }

    @Override
    public Set<StoreKind> kinds() {
        return KINDS;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    private RuntimeException notHosted(StoreKind kind) {
        return Backends.notHosted(backend(), KINDS, kind);
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
        return jtis;
    }

    @Override
    public PushedAuthorizationRequestStore pushedAuthorizationRequests() {
        return pars;
    }

    /** Entries held per kind, live or awaiting reclamation (for gauges and tests). */
    public Map<StoreKind, Integer> sizes() {
        return Map.of(StoreKind.SESSIONS, sessionMap.size(), StoreKind.INTERACTIONS, interactionMap.size(),
                StoreKind.CONSUMED_JWT_IDS, markerMap.size(), StoreKind.PUSHED_AUTHORIZATION_REQUESTS, parMap.size());
    }

    /** Reclamation nodes the map of {@code kind} holds beside its entries (tests). */
    int pendingNodes(StoreKind kind) {
        return switch (kind) {
            case SESSIONS -> sessionMap.pendingNodes();
            case INTERACTIONS -> interactionMap.pendingNodes();
            case CONSUMED_JWT_IDS -> markerMap.pendingNodes();
            case PUSHED_AUTHORIZATION_REQUESTS -> parMap.pendingNodes();
            default -> throw notHosted(kind);
        };
    }

    @Override
    public Map<StoreKind, Long> recordCounts() {
        Map<StoreKind, Long> counts = new java.util.EnumMap<>(StoreKind.class);
        sizes().forEach((k, v) -> counts.put(k, v.longValue()));
        return counts;
    }

    /**
     * Everything held, as text: every key and every component of every stored value (records are
     * rendered component by component, not through their redacting {@code toString}), then the
     * chooser-group index. Used by the TCK's hash-on-store cases.
     */
    public List<String> dump() {
        List<String> out = new ArrayList<>();
        for (ExpiringMap<?> m : List.of(sessionMap, interactionMap, markerMap, parMap)) {
            for (Map.Entry<String, ? extends ExpiringMap.Entry<?>> e : m.entries()) {
                out.add(e.getKey());
                render(e.getValue().value(), out);
            }
        }
        groups.forEach((group, members) -> {
            out.add(group);
            out.addAll(members);
        });
        return out;
    }

    private static void render(Object value, List<String> out) {
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    Object v = c.getAccessor().invoke(r);
                    if (v instanceof Record) {
                        render(v, out);
                    } else if (v instanceof byte[] b) {
                        out.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
                    } else {
                        out.add(String.valueOf(v));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            out.add(String.valueOf(value));
        }
    }
}
