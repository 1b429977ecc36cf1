package org.oidcstore.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The aggregate of one backend (or of the composite): typed accessors for every substore, the
 * kinds it hosts and whether it is transactional.
 *
 * <p>A backend implements {@link #store(StoreKind)} from the one table of the kinds it hosts
 * ({@code org.oidcstore.store.spi.HostedKinds}); the typed accessors ({@link #refreshTokens()}, …)
 * and the extension accessors ({@link #clientRegistry()}, …) are derived from it.
 *
 * <p>An accessor of a kind the backend does not host MUST throw
 * {@link StoreConfigurationException} whose message names the kind, the backend and the tier to
 * route the kind to; it never returns {@code null} or a silently non-working store.
 */
public interface OidcStore {

    /** Short backend name for routing tables, logs and metric tags: {@code jpa}, {@code redis}, {@code memory}, {@code composite}. */
    String backend();

    /** The kinds this store hosts; accessors of other kinds throw. */
    Set<StoreKind> kinds();

    /**
     * Whether writes of the hosted kinds join the caller's JTA transaction (and
     * {@link #inTransaction} is supported). The transactional cluster must live on a
     * transactional backend.
     */
    boolean transactional();

    /**
     * The substore of {@code kind}, an instance of {@link StoreKind#storeType()}: the one accessor a
     * backend implements (from the table of the kinds it hosts); the typed accessors below are
     * derived from it.
     *
     * @throws StoreConfigurationException when this store does not host {@code kind} (OIDCS-1002,
     *     naming the kind, the backend and the route that fixes it)
     */
    Object store(StoreKind kind);

    /**
     * The substore of {@code kind} as one of its extension interfaces
     * ({@link StoreKind#extensionTypes()}), when the backend hosting it offers that ability; empty
     * when it does not, or when this store does not host the kind.
     */
    default <T> Optional<T> extension(StoreKind kind, Class<T> type) {
        if (!kind.extensionTypes().contains(type)) {
            throw new IllegalArgumentException(type.getSimpleName() + " is not an extension of " + kind);
        }
        if (!kinds().contains(kind)) {
            return Optional.empty();
        }
        Object s = store(kind);
        return type.isInstance(s) ? Optional.of(type.cast(s)) : Optional.empty();
    }

    default ClientStore clients() {
        return (ClientStore) store(StoreKind.CLIENTS);
    }

    default UserStore users() {
        return (UserStore) store(StoreKind.USERS);
    }

    default AuthorizationCodeStore authorizationCodes() {
        return (AuthorizationCodeStore) store(StoreKind.AUTHORIZATION_CODES);
    }

    default RefreshTokenStore refreshTokens() {
        return (RefreshTokenStore) store(StoreKind.REFRESH_TOKENS);
    }

    default GrantStore grants() {
        return (GrantStore) store(StoreKind.GRANTS);
    }

    default AccessTokenRegistry accessTokens() {
        return (AccessTokenRegistry) store(StoreKind.ACCESS_TOKENS);
    }

    default OpaqueAccessTokenStore opaqueAccessTokens() {
        return (OpaqueAccessTokenStore) store(StoreKind.OPAQUE_ACCESS_TOKENS);
    }

    /** The authorization contexts ({@link StoreKind#AUTHORIZATION_CONTEXTS}); since API 1.5. */
    default AuthorizationContextStore authorizationContexts() {
        return (AuthorizationContextStore) store(StoreKind.AUTHORIZATION_CONTEXTS);
    }

    default GrantRevocationStore grantRevocations() {
        return (GrantRevocationStore) store(StoreKind.GRANT_REVOCATIONS);
    }

    default SessionStore sessions() {
        return (SessionStore) store(StoreKind.SESSIONS);
    }

    default InteractionStore interactions() {
        return (InteractionStore) store(StoreKind.INTERACTIONS);
    }

    default ConsumedJwtIdStore consumedJwtIds() {
        return (ConsumedJwtIdStore) store(StoreKind.CONSUMED_JWT_IDS);
    }

    default PushedAuthorizationRequestStore pushedAuthorizationRequests() {
        return (PushedAuthorizationRequestStore) store(StoreKind.PUSHED_AUTHORIZATION_REQUESTS);
    }

    default DeviceAuthorizationStore deviceAuthorizations() {
        return (DeviceAuthorizationStore) store(StoreKind.DEVICE_AUTHORIZATIONS);
    }

    default CibaRequestStore cibaRequests() {
        return (CibaRequestStore) store(StoreKind.CIBA_REQUESTS);
    }

    default InitialAccessTokenStore initialAccessTokens() {
        return (InitialAccessTokenStore) store(StoreKind.INITIAL_ACCESS_TOKENS);
    }

    default RegistrationAccessTokenStore registrationAccessTokens() {
        return (RegistrationAccessTokenStore) store(StoreKind.REGISTRATION_ACCESS_TOKENS);
    }

    default ProviderMetadataStore providerMetadata() {
        return (ProviderMetadataStore) store(StoreKind.PROVIDER_METADATA);
    }

    /**
     * Runs {@code work} in one transaction (joining the caller's JTA transaction when one is
     * active): every cluster write it makes commits atomically, or none does when it throws.
     * Java SE users without a container use this; in a container, {@code @Transactional} does the same.
     *
     * @throws StoreConfigurationException when this store is not transactional
     */
    default <T> T inTransaction(Supplier<T> work) {
        throw new StoreConfigurationException("OIDCS-1001 backend '" + backend()
                + "' is not transactional; run cluster writes through the durable (JPA) backend or the composite");
    }

    /**
     * Runs <b>idempotent</b> {@code work} in one transaction, as {@link #inTransaction} does, and
     * when this store began the transaction itself (no caller's transaction is active) and the
     * transaction lost a serialization conflict (a deadlock, a Galera certification failure), runs
     * it again in a new transaction, up to the store's retry limit. Inside a caller's transaction it
     * is exactly {@link #inTransaction}: the caller decides about a retry. The default is
     * {@link #inTransaction}.
     */
    default <T> T inIdempotentTransaction(Supplier<T> work) {
        return inTransaction(work);
    }

    /**
     * Revokes a client's records in the transactional cluster, in one transaction
     * ({@link #inIdempotentTransaction}, joining the caller's when one is active, retried whole
     * after a lost serialization conflict of its own transaction): its refresh tokens, grants,
     * access-token rows and opaque access tokens, through the {@code revokeByClient} of
     * {@link RefreshTokenStore}, {@link GrantStore}, {@link AccessTokenRegistry} and
     * {@link OpaqueAccessTokenStore}. Either all four commit or, when anything fails (or the
     * caller's transaction rolls back), none does. Every backend hosting the cluster kinds offers
     * all four methods (they are part of the interfaces, so none can claim the cascade for some
     * kinds only). A missing client is a no-op: every count is 0. Authorization codes of the
     * client are left to expire (they live minutes and redeem only under a live grant, which this
     * deletes).
     *
     * @return how many records of each kind this call revoked or deleted
     * @throws StoreConfigurationException when this store is not transactional or does not host
     *     the four kinds
     */
    default ClientRevocation revokeClient(String clientId) {
        java.util.Objects.requireNonNull(clientId, "clientId");
        return inIdempotentTransaction(() -> {
            int refresh = refreshTokens().revokeByClient(clientId);
            int access = accessTokens().revokeByClient(clientId);
            int opaque = opaqueAccessTokens().revokeByClient(clientId);
            int grants = grants().revokeByClient(clientId);
            return new ClientRevocation(refresh, grants, access, opaque);
        });
    }

    /**
     * Erases everything this store holds about end user {@code subject} (a data-subject erasure
     * request): grants, authorization codes, refresh tokens (and their retry responses), access-token
     * rows (live JWTs are denylisted until their expiry, see {@link AccessTokenRegistry#eraseSubject}),
     * opaque access tokens, sessions, interactions that name the subject, device authorizations
     * approved for it, CIBA requests for it, and the user record when the users backend is writable
     * ({@link UserRegistry#delete}).
     *
     * <p><b>Order and failure.</b> The kinds hosted by a transactional backend are erased first, in
     * one transaction ({@link #inIdempotentTransaction}, joining the caller's when one is active):
     * all of them or none. The kinds of a non-transactional (volatile) backend follow, one by one,
     * after that transaction committed; when that tier cannot be reached the call raises
     * {@link StoreUnavailableException} with the durable part already done. Every step is
     * idempotent, so calling again finishes the job; an unknown subject erases nothing.
     *
     * <p>To notify relying parties (back-channel logout), list the subject's sessions and clients
     * ({@link SessionStore#listBySubject}, {@link GrantStore#listClientIds}) before erasing.
     *
     * <p>The default erases the kinds this store hosts: in one transaction when it is transactional,
     * otherwise one kind after another.
     *
     * @return how many records of each visited kind this call removed
     * @throws StoreUnavailableException when a tier cannot be reached (call again to finish)
     */
    default SubjectErasure eraseSubject(String subject) {
        java.util.Objects.requireNonNull(subject, "subject");
        java.util.Set<StoreKind> hosted = kinds();
        java.util.function.Supplier<java.util.Map<StoreKind, Integer>> work =
                () -> SubjectErasures.erase(this, subject, hosted);
        return new SubjectErasure(transactional() ? inIdempotentTransaction(work) : work.get());
    }

    /** Rotation grace for refresh tokens, when the Refresh-tokens backend offers it. */
    default Optional<RefreshRetryResponses> refreshRetryResponses() {
        return extension(StoreKind.REFRESH_TOKENS, RefreshRetryResponses.class);
    }

    /**
     * Settings of this backend that weaken its guarantees and that the operator has not
     * acknowledged with the backend's explicitly named dev-mode flag (for example a plaintext
     * connection). Empty for a safe backend. The composite refuses to start while any is reported.
     */
    default List<String> unsafeSettings() {
        return List.of();
    }

    /**
     * How many records this store holds per hosted kind, live or awaiting reclamation, for
     * operators and examples. Optional: a backend that cannot count cheaply returns an empty map;
     * one that counts includes every hosted kind. May cost a scan ({@code COUNT(*)}, {@code SCAN}):
     * not for hot paths.
     */
    default java.util.Map<StoreKind, Long> recordCounts() {
        return java.util.Map.of();
    }

    /**
     * Probes the backend's engine for a readiness check (MicroProfile Health in the composite):
     * the durable tier asks a pooled connection to answer, Redis sends {@code PING} and re-reads
     * each server's {@code maxmemory-policy}, each within its configured timeout. Never throws:
     * an engine that is away is {@link Readiness#ready() not ready}, with the reason. Cheap enough to
     * be polled every few seconds, but it does touch the engine: a liveness check must not call it.
     * The default, for a backend without a probe, is ready with the detail {@code "not probed"}.
     */
    default Readiness readiness() {
        return Readiness.ready(backend() + ": not probed");
    }

    /** The writable client registry, when the Clients backend offers one. */
    default Optional<ClientRegistry> clientRegistry() {
        return extension(StoreKind.CLIENTS, ClientRegistry.class);
    }

    /** The static-client reconciler, when the Clients backend offers one. */
    default Optional<StaticClientReconciler> staticClientReconciler() {
        return extension(StoreKind.CLIENTS, StaticClientReconciler.class);
    }

    /** The writable user registry, when the Users backend offers one. */
    default Optional<UserRegistry> userRegistry() {
        return extension(StoreKind.USERS, UserRegistry.class);
    }

    /** Compare-and-swap on interactions, when the Interactions backend offers it. */
    default Optional<InteractionCompareAndSwap> interactionCompareAndSwap() {
        return extension(StoreKind.INTERACTIONS, InteractionCompareAndSwap.class);
    }
}
