package org.oidcstore.store.memory.internal;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
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
import org.oidcstore.store.spi.StoreSettings;

/** The in-process volatile tier: sessions, interactions, JWT-ID markers and pushed requests. */
public final class MemoryOidcStore implements OidcStore {
    private static final Set<StoreKind> KINDS = Collections.unmodifiableSet(EnumSet.of(StoreKind.SESSIONS,
            StoreKind.INTERACTIONS, StoreKind.CONSUMED_JWT_IDS, StoreKind.PUSHED_AUTHORIZATION_REQUESTS));

    /**
     * What the tier holds: one map per kind and the sessions' chooser-group index. A store
     * {@linkplain #sharingMapsWith reopened} with another digest shares them.
     */
    private record Maps(ExpiringMap<Session> sessions, ConcurrentHashMap<String, Set<String>> groups,
            ExpiringMap<Interaction> interactions, ExpiringMap<Instant> markers,
            ExpiringMap<MemoryPushedAuthorizationRequestStore.Par> pars) {

        static Maps create(MemorySettings settings, Clock clock) {
            int cap = settings.capacity();
            int batch = settings.sweepBatch();
            ConcurrentHashMap<String, Set<String>> groups = new ConcurrentHashMap<>();
            return new Maps(new ExpiringMap<>("sessions", clock, cap, batch,
                    (sid, s) -> MemorySessionStore.unindex(groups, s.chooserGroup(), sid)), groups,
                    new ExpiringMap<>("interactions", clock, cap, batch, null),
                    new ExpiringMap<>("consumed-jwt-ids", clock, cap, batch, null),
                    new ExpiringMap<>("pushed-authorization-requests", clock, cap, batch, null));
        }

        List<ExpiringMap<?>> all() {
            return List.of(sessions, interactions, markers, pars);
        }
    }

    private final MemorySettings settings;
    private final StoreSettings shared;
    private final Maps maps;
    private final MemorySessionStore sessions;
    private final MemoryInteractionStore interactions;
    private final MemoryConsumedJwtIdStore jtis;
    private final MemoryPushedAuthorizationRequestStore pars;

    /**
     * @param settings the tier's own settings (validated here)
     * @param shared the digest of bearer secrets and the JWT-ID clock-skew allowance
     */
    public MemoryOidcStore(MemorySettings settings, Clock clock, StoreSettings shared) {
        this(settings.validate(), java.util.Objects.requireNonNull(shared, "shared"), Maps.create(settings, clock));
    }

    private MemoryOidcStore(MemorySettings settings, StoreSettings shared, Maps maps) {
        this.settings = settings;
        this.shared = shared;
        this.maps = maps;
        int max = settings.maxValueBytes();
        this.sessions = new MemorySessionStore(maps.sessions(), maps.groups(), max);
        this.interactions = new MemoryInteractionStore(maps.interactions(), max);
        this.jtis = new MemoryConsumedJwtIdStore(maps.markers(), shared.digest(), shared.jwtIdClockSkew());
        this.pars = new MemoryPushedAuthorizationRequestStore(maps.pars(), shared.digest(), max);
    }

    /**
     * A second store over the same maps whose bearer-secret digests use {@code digest}: what a
     * node configured with another {@code oidc.store.secret-pepper} list would see if it shared
     * this tier. The TCK's pepper-rotation contract needs it; in production a memory tier has one
     * configuration, and a new pepper list comes with a restart, which empties it.
     */
    MemoryOidcStore sharingMapsWith(SecretDigest digest) {
        return new MemoryOidcStore(settings, shared.withDigest(digest), maps);
    }

    /** Reclaims every expired entry of every map now, judged by the store's clock (the TCK's sweep). */
    void reclaimExpired() {
        maps.all().forEach(m -> m.reclaim(Integer.MAX_VALUE, true));
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
        return Map.of(StoreKind.SESSIONS, maps.sessions().size(), StoreKind.INTERACTIONS, maps.interactions().size(),
                StoreKind.CONSUMED_JWT_IDS, maps.markers().size(), StoreKind.PUSHED_AUTHORIZATION_REQUESTS,
                maps.pars().size());
    }

    /** Reclamation nodes the map of {@code kind} holds beside its entries (tests). */
    int pendingNodes(StoreKind kind) {
        return switch (kind) {
            case SESSIONS -> maps.sessions().pendingNodes();
            case INTERACTIONS -> maps.interactions().pendingNodes();
            case CONSUMED_JWT_IDS -> maps.markers().pendingNodes();
            case PUSHED_AUTHORIZATION_REQUESTS -> maps.pars().pendingNodes();
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
        for (ExpiringMap<?> m : maps.all()) {
            for (Map.Entry<String, ? extends ExpiringMap.Entry<?>> e : m.entries()) {
                out.add(e.getKey());
                render(e.getValue().value(), out);
            }
        }
        maps.groups().forEach((group, members) -> {
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
