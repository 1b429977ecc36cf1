package org.oidcstore.store;

import java.util.Optional;
import org.oidcstore.store.spi.SingleWinner;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Backchannel authentication requests (OpenID CIBA Core 1.0, {@link StoreKind#CIBA_REQUESTS});
 * volatile by default and outside the transactional cluster: losing one makes the client start
 * again.
 *
 * <p>{@code auth_req_id} is stored only as a digest; presenting a stored digest MUST NOT match.
 * The client notification token is stored sealed and handed back in clear text to the provider
 * ({@link CibaRequest}).
 *
 * <p>Expiry, states and the failure direction are those of {@link DeviceAuthorizationStore}: a
 * request is absent from {@code expiresAt} (inclusive) whatever its state (expired beats
 * consumed); every transition is one engine operation; a consumed request stays consumed when the
 * issuance that follows fails.
 */
public interface CibaRequestStore {

    /**
     * Stores a new request.
     *
     * @param request a {@link ApprovalState#PENDING} request with no approval and no poll
     *     ({@link CibaRequest#pending})
     * @throws DuplicateRecordException when the {@code auth_req_id} exists (in any state, until it
     *     expires); nothing is written
     * @throws IllegalArgumentException when the request is not a new pending one, or is larger than
     *     the backend's {@code max-value-bytes}; nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached or the store is full
     */
    void save(CibaRequest request);

    /** Finds a live request, in any state, with its notification token in clear text. */
    Optional<CibaRequest> find(String authReqId);

    /**
     * Approves a pending request: {@code PENDING → APPROVED}. Only the user the request names may
     * approve it. Of concurrent approvals and denials exactly one wins.
     *
     * @return the approved request (with its notification token, for the ping or push that
     *     follows), or empty when absent or expired
     * @throws ConflictException when the request is not pending, or {@code approval.subject()} is not
     *     the request's subject; nothing changes
     */
    @SingleWinner
    @StoreEvent(value = "approvals", description = "Device and backchannel requests approved", when = StoreEvent.When.COMMITTED, ifResult = "isPresent")
    Optional<CibaRequest> approve(String authReqId, Approval approval);

    /**
     * Denies a pending request: {@code PENDING → DENIED}. Of concurrent approvals and denials
     * exactly one wins.
     *
     * @return the denied request, or empty when absent or expired
     * @throws ConflictException when the request is not pending; nothing changes
     */
    @SingleWinner
    @StoreEvent(value = "denials", description = "Device and backchannel requests denied by the user", when = StoreEvent.When.COMMITTED, ifResult = "isPresent")
    Optional<CibaRequest> deny(String authReqId);

    /**
     * Records a poll and answers it in one engine operation, exactly as
     * {@link DeviceAuthorizationStore#poll} does (CIBA Core §11 uses the same {@code slow_down}).
     *
     * @return the answer, or empty when absent or expired
     */
    @StoreEvent(value = "slow_downs", description = "Polls answered with slow_down (came before the interval)", when = StoreEvent.When.COMMITTED, ifResult = "slowDown")
    Optional<PollResult> poll(String authReqId);

    /**
     * Redeems an approved request, once: {@code APPROVED → CONSUMED}; exactly one concurrent caller
     * wins, and of a consume racing a {@link #revoke} exactly one wins.
     *
     * @return the consumed request, or empty when absent or expired
     * @throws AlreadyConsumedException when it was consumed before; carries the consumed record
     * @throws ConflictException when the request is pending or denied; nothing changes
     */
    @SingleWinner
    @StoreEvent(value = "ciba_replays", description = "auth_req_id replays detected (redeemed before)", when = StoreEvent.When.REPLAYED)
    Optional<CibaRequest> consume(String authReqId);

    /**
     * Revokes a request: {@code PENDING | APPROVED → DENIED}; idempotent on a denied or consumed one.
     *
     * @return {@code true} when this call denied the request; {@code false} when it was absent,
     *     expired, denied or consumed
     */
    @SingleWinner
    boolean revoke(String authReqId);

    /**
     * Erases subject {@code subject}: deletes every CIBA request for it, in any state. Part of {@link OidcStore#eraseSubject}; joins the caller's
     * transaction when the backend is transactional. Idempotent: a second call, or an unknown
     * subject, removes nothing and returns 0; so does a subject that could never have been stored
     * (blank, too long, a control character: {@code spi.Arguments#isStorableId}). A {@code null}
     * subject raises {@link NullPointerException}.
     *
     * <p>The default, for a backend built against API 1.3, refuses: such a backend cannot take part
     * in an erasure until it implements this (the TCK's erasure contract fails it).
     *
     * @return how many unexpired records this call removed (expired ones are removed as well but
     *     not counted, as {@link SessionStore#deleteBySubject} counts: a volatile tier may have
     *     dropped them already)
     * @throws StoreUnavailableException when the engine cannot be reached
     * @throws StoreConfigurationException (OIDCS-1003) when the backend does not implement erasure
     */
    default int eraseSubject(String subject) {
        throw Checks.noErasure(getClass());
    }
}
