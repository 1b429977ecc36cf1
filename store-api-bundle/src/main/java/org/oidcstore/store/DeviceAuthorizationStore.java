package org.oidcstore.store;

import java.util.Optional;
import java.util.OptionalInt;
import org.oidcstore.store.spi.SingleWinner;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Device authorizations (RFC 8628, {@link StoreKind#DEVICE_AUTHORIZATIONS}); volatile by default
 * and outside the transactional cluster, like pushed requests: losing one makes the user start the
 * flow again.
 *
 * <p><b>Codes.</b> Device and user codes are stored only as digests ({@link DeviceAuthorization});
 * presenting a stored digest MUST NOT match. A user code is looked up by its normalised form
 * ({@link DeviceAuthorization#normalizeUserCode}).
 *
 * <p><b>Expiry.</b> A request is expired at {@code expiresAt} (inclusive) by the store's clock and
 * then absent for every operation, whatever its state: <b>expired beats consumed</b>, a consumed
 * request presented after its expiry is empty, never a replay.
 *
 * <p><b>States</b> ({@link ApprovalState}): every transition is decided in one engine operation,
 * never by a read and a write in Java. The token issuance that follows {@link #consume} commits in
 * the durable cluster; if it fails the request stays consumed (deny, never replay).
 */
public interface DeviceAuthorizationStore {

    /**
     * Stores a new request. Atomically with the write, refuses a device code that exists (in any
     * state, until it expires) and a user code held by another <b>live</b> request; the user code of
     * an expired request is free at once. Of concurrent saves with one user code exactly one wins.
     *
     * @param authorization a {@link ApprovalState#PENDING} request carrying both codes, with no
     *     approval, no poll and zero counters ({@link DeviceAuthorization#pending})
     * @throws DuplicateRecordException when the device code or a live user code is taken; nothing is written
     * @throws IllegalArgumentException when the request is not a new pending one, or is larger than
     *     the backend's {@code max-value-bytes}; nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached or the store is full
     */
    @SingleWinner
    void save(DeviceAuthorization authorization);

    /** Finds a live request by device code, in any state; the record carries no user code. */
    Optional<DeviceAuthorization> find(String deviceCode);

    /**
     * Finds a live request by user code (the verification page), in any state. The record carries
     * the presented user code and <b>never</b> the device code.
     */
    Optional<DeviceAuthorization> findByUserCode(String userCode);

    /**
     * Approves a pending request: {@code PENDING → APPROVED} with the approval. Of concurrent
     * approvals and denials exactly one wins.
     *
     * @return the approved request (no user code), or empty when absent or expired
     * @throws ConflictException when the request is not pending; nothing changes
     */
    @SingleWinner
    @StoreEvent(value = "approvals", description = "Device and backchannel requests approved", when = StoreEvent.When.COMMITTED, ifResult = "isPresent")
    Optional<DeviceAuthorization> approve(String deviceCode, Approval approval);

    /**
     * {@link #approve} by user code, as the verification page knows the request.
     *
     * @return the approved request (carrying the presented user code, never the device code), or
     *     empty when absent or expired
     * @throws ConflictException when the request is not pending; nothing changes
     */
    @SingleWinner
    @StoreEvent(value = "approvals", description = "Device and backchannel requests approved", when = StoreEvent.When.COMMITTED, ifResult = "isPresent")
    Optional<DeviceAuthorization> approveByUserCode(String userCode, Approval approval);

    /**
     * Denies a pending request: {@code PENDING → DENIED}. Of concurrent approvals and denials
     * exactly one wins.
     *
     * @return the denied request (no user code), or empty when absent or expired
     * @throws ConflictException when the request is not pending; nothing changes
     */
    @SingleWinner
    @StoreEvent(value = "denials", description = "Device and backchannel requests denied by the user", when = StoreEvent.When.COMMITTED, ifResult = "isPresent")
    Optional<DeviceAuthorization> deny(String deviceCode);

    /**
     * {@link #deny} by user code.
     *
     * @return the denied request (carrying the presented user code), or empty when absent or expired
     * @throws ConflictException when the request is not pending; nothing changes
     */
    @SingleWinner
    @StoreEvent(value = "denials", description = "Device and backchannel requests denied by the user", when = StoreEvent.When.COMMITTED, ifResult = "isPresent")
    Optional<DeviceAuthorization> denyByUserCode(String userCode);

    /**
     * Records a poll of the token endpoint and answers it, in one engine operation: the poll is too
     * early when it comes before {@code lastPolledAt + interval}; then the answer is
     * {@code slow_down} and the stored interval grows by {@link PollResult#SLOW_DOWN_STEP} (it
     * only ever grows, up to {@link PollResult#MAX_INTERVAL}: {@link PollResult#grown}). Every
     * poll, early or not, becomes {@code lastPolledAt}. The state is reported as stored; redeeming
     * an approved request is {@link #consume}.
     *
     * @return the answer, or empty when absent or expired
     */
    @StoreEvent(value = "slow_downs", description = "Polls answered with slow_down (came before the interval)", when = StoreEvent.When.COMMITTED, ifResult = "slowDown")
    Optional<PollResult> poll(String deviceCode);

    /**
     * Redeems an approved request, once: {@code APPROVED → CONSUMED}; exactly one concurrent caller
     * wins, and of a consume racing a {@link #revoke} exactly one wins.
     *
     * @return the consumed request (carrying the approval), or empty when absent or expired
     * @throws AlreadyConsumedException when it was consumed before (a replay); carries the consumed
     *     record so the provider can revoke what was issued
     * @throws ConflictException when the request is pending or denied; nothing changes
     */
    @SingleWinner
    @StoreEvent(value = "device_code_replays", description = "Device code replays detected (redeemed before)", when = StoreEvent.When.REPLAYED)
    Optional<DeviceAuthorization> consume(String deviceCode);

    /**
     * Revokes a request: {@code PENDING | APPROVED → DENIED}. Idempotent on a denied or consumed
     * request (which it leaves as it is); of a revoke racing a {@link #consume} exactly one wins.
     *
     * @return {@code true} when this call denied the request; {@code false} when it was absent,
     *     expired, denied or consumed
     */
    @SingleWinner
    boolean revoke(String deviceCode);

    /**
     * Records a strike against the request holding this user code (a wrong entry on the
     * verification page, e.g. the user did not confirm the code their device shows), atomically:
     * of N concurrent calls every one is counted. What to do after how many strikes is the
     * provider's policy (typically {@link #denyByUserCode}).
     *
     * @return the strikes recorded so far, this one included; empty when absent or expired
     */
    @StoreEvent(value = "user_code_strikes", description = "Strikes recorded against user codes", when = StoreEvent.When.COMMITTED, ifResult = "isPresent")
    OptionalInt strike(String userCode);

    /**
     * Records a poll violation of the request (e.g. polling on after {@code slow_down}, or with
     * another client's credentials), atomically: of N concurrent calls every one is counted.
     *
     * @return the violations recorded so far, this one included; empty when absent or expired
     */
    @StoreEvent(value = "poll_violations", description = "Poll violations recorded against device codes", when = StoreEvent.When.COMMITTED, ifResult = "isPresent")
    OptionalInt recordPollViolation(String deviceCode);

    /**
     * Erases subject {@code subject}: deletes every device authorization approved for it (pending ones name no subject yet), in any state. Part of {@link OidcStore#eraseSubject}; joins the caller's
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
