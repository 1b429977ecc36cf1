package org.oidcstore.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The aggregate of one backend (or of the composite): typed accessors for every substore, the
 * kinds it hosts and whether it is transactional.
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

    ClientStore clients();

    UserStore users();

    AuthorizationCodeStore authorizationCodes();

    RefreshTokenStore refreshTokens();

    GrantStore grants();

    AccessTokenRegistry accessTokens();

    OpaqueAccessTokenStore opaqueAccessTokens();

    GrantRevocationStore grantRevocations();

    SessionStore sessions();

    InteractionStore interactions();

    ConsumedJwtIdStore consumedJwtIds();

    PushedAuthorizationRequestStore pushedAuthorizationRequests();

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

    /** The substore of {@code kind}, as its interface type ({@link StoreKind#storeType()}). */
    default Object store(StoreKind kind) {
        return switch (kind) {
            case CLIENTS -> clients();
            case USERS -> users();
            case AUTHORIZATION_CODES -> authorizationCodes();
            case REFRESH_TOKENS -> refreshTokens();
            case GRANTS -> grants();
            case ACCESS_TOKENS -> accessTokens();
            case OPAQUE_ACCESS_TOKENS -> opaqueAccessTokens();
            case GRANT_REVOCATIONS -> grantRevocations();
            case SESSIONS -> sessions();
            case INTERACTIONS -> interactions();
            case CONSUMED_JWT_IDS -> consumedJwtIds();
            case PUSHED_AUTHORIZATION_REQUESTS -> pushedAuthorizationRequests();
        };
    }

    /** The writable client registry, when the Clients backend offers one. */
    default Optional<ClientRegistry> clientRegistry() {
        return kinds().contains(StoreKind.CLIENTS) && clients() instanceof ClientRegistry r
                ? Optional.of(r) : Optional.empty();
    }

    /** The static-client reconciler, when the Clients backend offers one. */
    default Optional<StaticClientReconciler> staticClientReconciler() {
        return kinds().contains(StoreKind.CLIENTS) && clients() instanceof StaticClientReconciler r
                ? Optional.of(r) : Optional.empty();
    }

    /** The writable user registry, when the Users backend offers one. */
    default Optional<UserRegistry> userRegistry() {
        return kinds().contains(StoreKind.USERS) && users() instanceof UserRegistry r
                ? Optional.of(r) : Optional.empty();
    }

    /** Compare-and-swap on interactions, when the Interactions backend offers it. */
    default Optional<InteractionCompareAndSwap> interactionCompareAndSwap() {
        return kinds().contains(StoreKind.INTERACTIONS) && interactions() instanceof InteractionCompareAndSwap c
                ? Optional.of(c) : Optional.empty();
    }
}
