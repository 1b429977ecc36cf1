package org.oidcstore.store.jpa.internal;

import jakarta.transaction.TransactionManager;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
import org.oidcstore.store.jpa.JpaGc;
import org.oidcstore.store.jpa.JpaStore;
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

/** The durable aggregate: all twelve kinds over one persistence unit, transactional. */
public final class JpaOidcStore implements JpaStore {
    private static final Set<StoreKind> KINDS = Collections.unmodifiableSet(EnumSet.allOf(StoreKind.class));
    /** The tables holding each kind's records. */
    private static final Map<String, StoreKind> TABLES = Map.ofEntries(
            Map.entry("oidc_client", StoreKind.CLIENTS), Map.entry("oidc_user", StoreKind.USERS),
            Map.entry("oidc_authorization_code", StoreKind.AUTHORIZATION_CODES),
            Map.entry("oidc_refresh_token", StoreKind.REFRESH_TOKENS), Map.entry("oidc_grant", StoreKind.GRANTS),
            Map.entry("oidc_access_token", StoreKind.ACCESS_TOKENS),
            Map.entry("oidc_opaque_access_token", StoreKind.OPAQUE_ACCESS_TOKENS),
            Map.entry("oidc_grant_tombstone", StoreKind.GRANT_REVOCATIONS),
            Map.entry("oidc_revoked_jti", StoreKind.GRANT_REVOCATIONS), Map.entry("oidc_session", StoreKind.SESSIONS),
            Map.entry("oidc_interaction", StoreKind.INTERACTIONS), Map.entry("oidc_consumed_jti", StoreKind.CONSUMED_JWT_IDS),
            Map.entry("oidc_pushed_auth_request", StoreKind.PUSHED_AUTHORIZATION_REQUESTS));

    private final Jpa jpa;
    private final JpaGarbageCollector gc;
    private final AutoCloseable resources;
    private final List<String> unsafeSettings;
    private final JpaClientStore clients;
    private final JpaUserStore users;
    private final JpaAuthorizationCodeStore codes;
    private final JpaRefreshTokenStore refreshTokens;
    private final JpaGrantStore grants;
    private final JpaAccessTokenRegistry accessTokens;
    private final JpaOpaqueAccessTokenStore opaqueAccessTokens;
    private final JpaGrantRevocationStore revocations;
    private final JpaSessionStore sessions;
    private final JpaInteractionStore interactions;
    private final JpaConsumedJwtIdStore consumedJwtIds;
    private final JpaPushedAuthorizationRequestStore pars;
    private volatile boolean closed;

    JpaOidcStore(Jpa jpa, int gcBatchSize, List<String> unsafeSettings, AutoCloseable resources) {
        this.jpa = jpa;
        this.resources = resources;
        this.unsafeSettings = List.copyOf(unsafeSettings);
        ExpiredRows expired = new ExpiredRows(jpa, gcBatchSize);
        this.gc = new JpaGarbageCollector(jpa, expired);
        this.clients = new JpaClientStore(jpa);
        this.users = new JpaUserStore(jpa);
        this.codes = new JpaAuthorizationCodeStore(jpa);
        this.refreshTokens = new JpaRefreshTokenStore(jpa);
        this.grants = new JpaGrantStore(jpa);
        this.accessTokens = new JpaAccessTokenRegistry(jpa, expired);
        this.opaqueAccessTokens = new JpaOpaqueAccessTokenStore(jpa, expired);
        this.revocations = new JpaGrantRevocationStore(jpa, expired);
        this.sessions = new JpaSessionStore(jpa);
        this.interactions = new JpaInteractionStore(jpa);
        this.consumedJwtIds = new JpaConsumedJwtIdStore(jpa);
        this.pars = new JpaPushedAuthorizationRequestStore(jpa);
    }

    @Override
    public String backend() {
        return "jpa";
    }

    @Override
    public Set<StoreKind> kinds() {
        return KINDS;
    }

    @Override
    public boolean transactional() {
        return true;
    }

    /** An unpeppered, unacknowledged digest, in the words of {@code StoreSettings.unsafeSettings}; else none. */
    @Override
    public List<String> unsafeSettings() {
        return unsafeSettings;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return jpa.inTransaction("store", "inTransaction", work);
    }

    @Override
    public ClientStore clients() {
        return clients;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public AuthorizationCodeStore authorizationCodes() {
        return codes;
    }

    @Override
    public RefreshTokenStore refreshTokens() {
        return refreshTokens;
    }

    @Override
    public GrantStore grants() {
        return grants;
    }

    @Override
    public AccessTokenRegistry accessTokens() {
        return accessTokens;
    }

    @Override
    public OpaqueAccessTokenStore opaqueAccessTokens() {
        return opaqueAccessTokens;
    }

    @Override
    public GrantRevocationStore grantRevocations() {
        return revocations;
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
        return consumedJwtIds;
    }

    @Override
    public PushedAuthorizationRequestStore pushedAuthorizationRequests() {
        return pars;
    }

    /** One {@code COUNT(*)} per table, in one transaction; live and expired-but-not-yet-collected rows. */
    @Override
    public Map<StoreKind, Long> recordCounts() {
        return jpa.tx("store", "recordCounts", em -> {
            Map<StoreKind, Long> counts = new EnumMap<>(StoreKind.class);
            TABLES.forEach((table, kind) -> counts.merge(kind, ((Number) em.createNativeQuery(
                    "SELECT COUNT(*) FROM " + table).getSingleResult()).longValue(), Long::sum));
            return counts;
        });
    }

    @Override
    public JpaGc gc() {
        return gc;
    }

    @Override
    public TransactionManager transactionManager() {
        return jpa.transactionManager();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            resources.close();
        } catch (Exception e) {
            System.getLogger(JpaOidcStore.class.getName()).log(System.Logger.Level.WARNING,
                    "closing the JPA store failed", e);
        }
    }

    @Override
    public String toString() {
        return "JpaOidcStore[" + jpa.dialect() + "]";
    }
}
