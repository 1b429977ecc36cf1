package org.oidcstore.store;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.oidcstore.store.tier.StoreTier;

/**
 * The closed set of substores: the single source of truth for routing. Each kind names its
 * interface, its default tier and whether it belongs to the {@link #TRANSACTIONAL_CLUSTER}.
 *
 * <p>The configuration spelling of a kind is kebab case ({@code consumed-jwt-ids}), see
 * {@link #configName()}.
 */
public enum StoreKind {
    /**
     * Registered clients. Durable: losing a client locks its users out. Outside the cluster: a
     * client is written by administration or dynamic registration, never together with tokens.
     */
    CLIENTS(ClientStore.class, StoreTier.DURABLE, "clients", ClientRegistry.class, StaticClientReconciler.class),
    /** End users' claims. Durable; read-only for the provider, outside the cluster. */
    USERS(UserStore.class, StoreTier.DURABLE, "users", UserRegistry.class),
    /**
     * Authorization codes. Durable and in the cluster: a code is issued in the same transaction
     * as its grant, and redeemed in the same transaction that issues the first refresh token.
     */
    AUTHORIZATION_CODES(AuthorizationCodeStore.class, StoreTier.DURABLE, "authorization-codes"),
    /**
     * Refresh-token chains. Durable and in the cluster: a rotation consumes the parent and inserts
     * the child atomically; losing a chain logs users out and loses replay evidence.
     */
    REFRESH_TOKENS(RefreshTokenStore.class, StoreTier.DURABLE, "refresh-tokens", RefreshRetryResponses.class),
    /** Consent grants. Durable and in the cluster: codes and tokens are issued under a grant. */
    GRANTS(GrantStore.class, StoreTier.DURABLE, "grants"),
    /**
     * Shadow rows of JWT access tokens (for revocation by grant and introspection). Durable and in
     * the cluster: a token row must not outlive a rolled-back issuance.
     */
    ACCESS_TOKENS(AccessTokenRegistry.class, StoreTier.DURABLE, "access-tokens"),
    /** Opaque (reference) access tokens. Durable and in the cluster, like refresh tokens. */
    OPAQUE_ACCESS_TOKENS(OpaqueAccessTokenStore.class, StoreTier.DURABLE, "opaque-access-tokens"),
    /**
     * The provider's opaque per-authorization context (the authenticated principal, the original
     * authorization request, token claims), keyed by grant id, with a digest of the ID token last
     * issued under the grant. Durable and in the cluster: it is written in the transaction that
     * issues or rotates the grant's code or refresh token, and a lost context makes live refresh
     * tokens unusable. Since API 1.5.
     */
    AUTHORIZATION_CONTEXTS(AuthorizationContextStore.class, StoreTier.DURABLE, "authorization-contexts"),
    /**
     * Grant tombstones and the JWT-ID denylist. Durable and in the cluster: a revocation commits
     * with the token updates it implies, and a lost tombstone would revive revoked tokens.
     */
    GRANT_REVOCATIONS(GrantRevocationStore.class, StoreTier.DURABLE, "grant-revocations"),
    /**
     * Login sessions. Durable by default (back-channel logout needs every session); volatile when
     * the session durability posture is {@code volatile}, accepting that a lost session is a
     * silent logout. Outside the cluster.
     */
    SESSIONS(SessionStore.class, StoreTier.DURABLE, "sessions"),
    /**
     * Half-finished login interactions. Volatile: short-lived, high churn, and losing one only
     * makes the user start again.
     */
    INTERACTIONS(InteractionStore.class, StoreTier.VOLATILE, "interactions", InteractionCompareAndSwap.class),
    /**
     * Replay markers of JWT IDs (request objects, client assertions, DPoP proofs). Volatile: they
     * live only as long as the JWTs they guard. Losing markers would allow a replay within that
     * window, which is why volatile backends refuse to evict them.
     */
    CONSUMED_JWT_IDS(ConsumedJwtIdStore.class, StoreTier.VOLATILE, "consumed-jwt-ids"),
    /**
     * Pushed authorization requests (RFC 9126). Volatile, and deliberately outside the cluster:
     * consume is single-use on its own tier; if the durable commit that follows fails, the request
     * stays consumed and the user starts again (deny, never replay).
     */
    PUSHED_AUTHORIZATION_REQUESTS(PushedAuthorizationRequestStore.class, StoreTier.VOLATILE,
            "pushed-authorization-requests"),
    /**
     * Device authorizations (RFC 8628). Volatile and outside the cluster, like pushed requests:
     * short-lived, polled every few seconds, and losing one makes the user start again; consume is
     * single-use on its own tier, and a failed issuance after it leaves the request consumed (deny,
     * never replay).
     */
    DEVICE_AUTHORIZATIONS(DeviceAuthorizationStore.class, StoreTier.VOLATILE, "device-authorizations"),
    /**
     * Backchannel authentication requests (OpenID CIBA Core 1.0). Volatile and outside the
     * cluster, for the reasons of {@link #DEVICE_AUTHORIZATIONS}.
     */
    CIBA_REQUESTS(CibaRequestStore.class, StoreTier.VOLATILE, "ciba-requests"),
    /**
     * Initial access tokens of dynamic registration (RFC 7591 §3). Durable: an administrator issued
     * them, and a lost token (or a lost use count) would either lock out a software vendor or let a
     * token register more clients than it allows. Outside the cluster: a registration commits on its
     * own (a use joins the registration's transaction at most), never with token issuance.
     */
    INITIAL_ACCESS_TOKENS(InitialAccessTokenStore.class, StoreTier.DURABLE, "initial-access-tokens"),
    /**
     * Registration access tokens (RFC 7592), one live token per client. Durable: losing one locks a
     * client out of its own registration. Outside the cluster: a token is written when a client is
     * registered or its registration is read or updated, never together with token issuance.
     */
    REGISTRATION_ACCESS_TOKENS(RegistrationAccessTokenStore.class, StoreTier.DURABLE, "registration-access-tokens"),
    /**
     * Provider-wide invariants (e.g. the subject-identifier mode once tokens exist). Durable: they
     * must survive restarts, or a restarted provider could silently change what issued tokens mean.
     * Outside the cluster: written by a provider's start or administration, never with tokens.
     */
    PROVIDER_METADATA(ProviderMetadataStore.class, StoreTier.DURABLE, "provider-metadata");

    /**
     * Kinds that must commit together and therefore live on one transactional backend, the
     * cluster's anchor: codes, refresh tokens, grants, both access-token kinds, authorization
     * contexts and revocations.
     */
    public static final Set<StoreKind> TRANSACTIONAL_CLUSTER = Collections.unmodifiableSet(EnumSet.of(
            AUTHORIZATION_CODES, REFRESH_TOKENS, GRANTS, ACCESS_TOKENS, OPAQUE_ACCESS_TOKENS,
            AUTHORIZATION_CONTEXTS, GRANT_REVOCATIONS));

    private final Class<?> storeType;
    private final StoreTier defaultTier;
    private final String configName;
    private final List<Class<?>> extensionTypes;

    StoreKind(Class<?> storeType, StoreTier defaultTier, String configName, Class<?>... extensionTypes) {
        this.storeType = storeType;
        this.defaultTier = defaultTier;
        this.configName = configName;
        this.extensionTypes = List.of(extensionTypes);
    }

    /** The substore interface of this kind, e.g. {@code RefreshTokenStore.class}. */
    public Class<?> storeType() {
        return storeType;
    }

    /**
     * The optional extension interfaces of this kind's substore (each extends {@link #storeType()}):
     * abilities a backend may or may not offer, such as a writable {@code ClientRegistry} or
     * {@code InteractionCompareAndSwap}. Wiring (CDI beans, the composite's accessors) is derived
     * from them.
     */
    public List<Class<?>> extensionTypes() {
        return extensionTypes;
    }

    /**
     * Whether this kind's tier is an operator's posture as well as a route: true for
     * {@link #SESSIONS} only, whose tier {@code oidc.store.sessions.durability} chooses (a lost
     * volatile session is a silent logout, so the choice is named, reported and tagged in metrics).
     */
    public boolean postureRouted() {
        return this == SESSIONS;
    }

    /** The tier this kind goes to when neither a route nor a posture says otherwise. */
    public StoreTier defaultTier() {
        return defaultTier;
    }

    /** Whether this kind belongs to {@link #TRANSACTIONAL_CLUSTER}. */
    public boolean inTransactionalCluster() {
        return TRANSACTIONAL_CLUSTER.contains(this);
    }

    /** The kebab-case name used in configuration keys: {@code oidc.store.route.<configName>}. */
    public String configName() {
        return configName;
    }

    /**
     * Finds a kind by its configuration name. Also accepts the enum constant name and
     * underscores, ignoring case, so that {@code CONSUMED_JWT_IDS} and {@code consumed_jwt_ids}
     * (as environment variables spell it) resolve too.
     */
    public static Optional<StoreKind> fromConfigName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (StoreKind k : values()) {
            if (k.configName.equals(n)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kind whose interface, or one of whose extension interfaces, is {@code type}, if any. */
    public static Optional<StoreKind> ofStoreType(Class<?> type) {
        for (StoreKind k : values()) {
            if (k.storeType.equals(type) || k.extensionTypes.contains(type)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
