package org.oidcstore.store;

import java.time.Duration;
import java.util.Optional;
import org.oidcstore.store.spi.SingleWinner;

/**
 * Pushed authorization requests ({@link StoreKind#PUSHED_AUTHORIZATION_REQUESTS}); volatile by
 * default and deliberately outside the transactional cluster.
 *
 * <p>Request URIs are stored only as digests; presenting a stored digest MUST NOT match.
 *
 * <p><b>Two clocks of a request.</b> {@link #find} honours {@code expiresAt} (inclusive): the
 * authorization endpoint rejects a stale request URI. {@link #consume} ignores {@code expiresAt}
 * so that a slow login that started in time still completes, but only up to
 * {@code expiresAt + }{@link #CONSUME_GRACE}; after that the request is gone for every operation.
 * A consumed request leaves a marker until that same instant, so a replay is told apart from a
 * request that never existed.
 */
public interface PushedAuthorizationRequestStore {

    /**
     * How long after {@code expiresAt} an unconsumed request can still be consumed (and a consumed
     * one is still recognised as a replay): 15 minutes, the upper bound of an interactive login.
     */
    Duration CONSUME_GRACE = Duration.ofMinutes(15);

    /**
     * Stores a pushed request.
     *
     * @throws DuplicateRecordException when the request URI exists (consumed or not)
     * @throws IllegalArgumentException when the request is larger than the backend's
     *     {@code max-value-bytes} ({@link org.oidcstore.store.spi.ValueSize}); nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached or the store is full
     */
    void save(PushedAuthorizationRequest request);

    /** Finds an unconsumed request; empty when unknown, consumed or expired. */
    Optional<PushedAuthorizationRequest> find(String requestUri);

    /**
     * Uses a request, once: exactly one concurrent caller wins. Ignores {@code expiresAt} within
     * {@link #CONSUME_GRACE}.
     *
     * @return the request, or empty when unknown or past {@code expiresAt + CONSUME_GRACE}
     * @throws AlreadyConsumedException when it was already consumed; carries no record (a PAR
     *     replay names no grant to revoke)
     */
    @SingleWinner
    Optional<PushedAuthorizationRequest> consume(String requestUri);
}
