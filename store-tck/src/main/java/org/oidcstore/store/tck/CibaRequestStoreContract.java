package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.CibaRequestStore;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreKind;

/**
 * Contract of {@link CibaRequestStore}: the transitions and the redemption matrix of
 * {@link DeviceAuthorizationStoreContract}, approval by the named subject only, the
 * {@code auth_req_id} as a digest and the notification token sealed (back in clear text to the
 * caller, never in clear at rest, in a message or a {@code toString}). Polls and the expiry
 * instant of every operation are in {@link CibaRequestPollingContract}; the races in
 * {@link CibaRequestRaceContract}.
 */
@ContractFor(CibaRequestStore.class)
public abstract class CibaRequestStoreContract extends StoreContract {

    static final StoreKind KIND = StoreKind.CIBA_REQUESTS;

    private CibaRequestStore cibas() {
        return store.cibaRequests();
    }

    private CibaRequest saved(CibaMode mode) {
        CibaRequest r = samples.cibaRequest(mode);
        cibas().save(r);
        return r;
    }

    private Approval approvalOf(CibaRequest r) {
        return samples.approval(r.subject());
    }

    private Approval bringTo(CibaRequest r, ApprovalState state) {
        return bringTo(cibas(), samples, r, state);
    }

    /** Saves {@code r} and brings it to {@code state}; returns the approval given on the way, or {@code null}. */
    static Approval bringTo(CibaRequestStore cibas, Samples samples, CibaRequest r, ApprovalState state) {
        cibas.save(r);
        Approval a = state == ApprovalState.APPROVED || state == ApprovalState.CONSUMED ? samples.approval(r.subject())
                : null;
        switch (state) {
            case PENDING -> { }
            case APPROVED -> cibas.approve(r.authReqId(), a).orElseThrow();
            case DENIED -> cibas.deny(r.authReqId()).orElseThrow();
            case CONSUMED -> {
                cibas.approve(r.authReqId(), a).orElseThrow();
                cibas.consume(r.authReqId()).orElseThrow();
            }
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(CibaMode.class)
    @Covers("save")
    @Covers("find")
    void aRequestReadsBackWithEveryFieldAndItsNotificationTokenInClear(CibaMode mode) {
        CibaRequest r = saved(mode);
        assertThat(cibas().find(r.authReqId())).contains(r);
        assertThat(cibas().find(Samples.secret("arid"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ApprovalState.class)
    @Covers("save")
    void anAuthReqIdIsTakenInEveryStateUntilItExpires(ApprovalState state) {
        CibaRequest r = samples.cibaRequest(CibaMode.PING);
        bringTo(r, state);
        CibaRequest again = CibaRequest.pending(r.authReqId(), "client-b", "sub-bob", r.scopes(), r.acrValues(), null,
                CibaMode.POLL, null, clock.now(), samples.expiry(), r.interval());
        Evidence.assertWritesNothing(fixture, "a duplicate auth_req_id", () -> assertThatThrownBy(
                () -> cibas().save(again)).isInstanceOf(DuplicateRecordException.class));
        assertThat(cibas().find(r.authReqId()).orElseThrow().state()).isEqualTo(state);
        clock.set(r.expiresAt());
        CibaRequest reuse = CibaRequest.pending(r.authReqId(), "client-b", "sub-bob", r.scopes(), r.acrValues(), null,
                CibaMode.POLL, null, clock.now(), samples.expiry(), r.interval());
        cibas().save(reuse);
        assertThat(cibas().find(r.authReqId())).as("an expired auth_req_id is free at once").contains(reuse);
    }

    @Test
    @Covers("save")
    void savingARequestThatIsNotNewIsRefusedAndWritesNothing() {
        CibaRequest r = samples.cibaRequest(CibaMode.PUSH);
        Approval a = approvalOf(r);
        Map<String, CibaRequest> notNew = new LinkedHashMap<>();
        notNew.put("approved", r.withState(ApprovalState.APPROVED, a));
        notNew.put("denied", r.withState(ApprovalState.DENIED, null));
        notNew.put("consumed", r.withState(ApprovalState.CONSUMED, a));
        notNew.put("pending with an approval", r.withState(ApprovalState.PENDING, a));
        notNew.put("polled", r.withPoll(clock.now(), r.interval()));
        Map<String, Runnable> checks = new LinkedHashMap<>();
        notNew.forEach((what, x) -> checks.put(what, () -> Evidence.assertWritesNothing(fixture, "saving a request " + what,
                () -> Evidence.assertNoLeak(Evidence.thrownBy(() -> cibas().save(x)), r.authReqId(),
                        r.clientNotificationToken()))));
        Evidence.aboutEach(checks);
        Map<String, Runnable> types = new LinkedHashMap<>();
        notNew.forEach((what, x) -> types.put(what, () -> assertThatThrownBy(() -> cibas().save(x))
                .isInstanceOf(IllegalArgumentException.class)));
        Evidence.aboutEach(types);
        assertThat(cibas().find(r.authReqId())).isEmpty();
    }

    @Test
    @Covers("approve")
    void theNamedSubjectApprovesAPendingRequestAndGetsTheNotificationTokenBack() {
        CibaRequest r = saved(CibaMode.PING);
        Approval a = approvalOf(r);
        CibaRequest approved = cibas().approve(r.authReqId(), a).orElseThrow();
        assertThat(approved).isEqualTo(r.withState(ApprovalState.APPROVED, a));
        assertThat(approved.clientNotificationToken()).isEqualTo(r.clientNotificationToken());
        assertThat(cibas().find(r.authReqId())).contains(approved);
        assertThat(cibas().approve(Samples.secret("arid"), a)).as("absent").isEmpty();
    }

    @Test
    @Covers("approve")
    void anotherSubjectsApprovalConflictsAndLeavesTheRequestUntouched() {
        CibaRequest r = saved(CibaMode.PUSH);
        Approval mallory = samples.approval("sub-mallory");
        Evidence.assertWritesNothing(fixture, "an approval by another subject", () -> Evidence.assertNoLeak(
                Evidence.thrownBy(() -> cibas().approve(r.authReqId(), mallory)), r.authReqId(),
                r.clientNotificationToken()));
        assertThatThrownBy(() -> cibas().approve(r.authReqId(), mallory)).isInstanceOf(ConflictException.class);
        assertThat(cibas().find(r.authReqId())).as("still pending, as saved").contains(r);
        assertThat(cibas().approve(r.authReqId(), approvalOf(r))).as("the named subject still can").isPresent();
    }

    @Test
    @Covers("deny")
    void denyMovesAPendingRequestToDenied() {
        CibaRequest r = saved(CibaMode.POLL);
        assertThat(cibas().deny(r.authReqId())).contains(r.withState(ApprovalState.DENIED, null));
        assertThat(cibas().find(r.authReqId())).contains(r.withState(ApprovalState.DENIED, null));
        assertThat(cibas().deny(Samples.secret("arid"))).as("absent").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ApprovalState.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    @Covers("approve")
    @Covers("deny")
    void approvingOrDenyingARequestThatIsNotPendingConflictsAndChangesNothing(ApprovalState state) {
        CibaRequest r = samples.cibaRequest(CibaMode.PING);
        bringTo(r, state);
        CibaRequest before = cibas().find(r.authReqId()).orElseThrow();
        Evidence.assertWritesNothing(fixture, "approve and deny of a " + state + " request", () -> {
            assertThatThrownBy(() -> cibas().approve(r.authReqId(), approvalOf(r))).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> cibas().deny(r.authReqId())).isInstanceOf(ConflictException.class);
        });
        assertThat(cibas().find(r.authReqId())).contains(before);
    }

    @Test
    @Covers("consume")
    void consumeRedeemsAnApprovedRequestOnceAndAReplayCarriesTheConsumedRecord() {
        CibaRequest r = samples.cibaRequest(CibaMode.PING);
        Approval a = bringTo(r, ApprovalState.APPROVED);
        CibaRequest consumed = cibas().consume(r.authReqId()).orElseThrow();
        assertThat(consumed).isEqualTo(r.withState(ApprovalState.CONSUMED, a));
        assertThat(cibas().find(r.authReqId())).contains(consumed);
        Throwable replay = Evidence.thrownBy(() -> cibas().consume(r.authReqId()));
        assertThat(replay).isInstanceOfSatisfying(AlreadyConsumedException.class,
                e -> assertThat(e.record(CibaRequest.class)).contains(consumed));
        Evidence.assertNoLeak(replay, r.authReqId(), r.clientNotificationToken());
        assertThat(cibas().consume(Samples.secret("arid"))).as("never existed is not a replay").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ApprovalRedemption.class)
    @Covers("find")
    @Covers("consume")
    @Covers("revoke")
    @Covers("poll")
    void redemptionMatrix(ApprovalRedemption row) {
        CibaRequest r = samples.cibaRequest(CibaMode.PUSH);
        Approval a = bringTo(r, row.state());
        CibaRequest stored = r.withState(row.state(), a);
        if (row.expired()) {
            clock.set(r.expiresAt());
            assertThat(cibas().find(r.authReqId())).isEmpty();
            assertThat(cibas().poll(r.authReqId())).isEmpty();
            assertThat(cibas().consume(r.authReqId())).as("expired beats every state, consumed included").isEmpty();
            assertThat(cibas().revoke(r.authReqId())).isFalse();
            return;
        }
        assertThat(cibas().find(r.authReqId())).contains(stored);
        switch (row.state()) {
            case PENDING, DENIED -> {
                Evidence.assertWritesNothing(fixture, "consume of a " + row.state() + " request",
                        () -> assertThatThrownBy(() -> cibas().consume(r.authReqId())).isInstanceOf(ConflictException.class));
                assertThat(cibas().find(r.authReqId())).contains(stored);
            }
            case APPROVED -> assertThat(cibas().consume(r.authReqId())).contains(r.withState(ApprovalState.CONSUMED, a));
            case CONSUMED -> assertThatThrownBy(() -> cibas().consume(r.authReqId()))
                    .isInstanceOfSatisfying(AlreadyConsumedException.class,
                            e -> assertThat(e.record(CibaRequest.class)).contains(stored));
        }
        assertThat(cibas().revoke(r.authReqId())).isEqualTo(row.state() == ApprovalState.PENDING);
    }

    @Test
    @Covers("revoke")
    void revokeDeniesAPendingOrApprovedRequestOnceAndLeavesDeniedOrConsumedOnesAlone() {
        CibaRequest pending = saved(CibaMode.POLL);
        assertThat(cibas().revoke(pending.authReqId())).isTrue();
        assertThat(cibas().find(pending.authReqId())).contains(pending.withState(ApprovalState.DENIED, null));
        assertThat(cibas().revoke(pending.authReqId())).as("idempotent").isFalse();
        CibaRequest approved = samples.cibaRequest(CibaMode.PING);
        Approval a = bringTo(approved, ApprovalState.APPROVED);
        assertThat(cibas().revoke(approved.authReqId())).isTrue();
        assertThat(cibas().find(approved.authReqId())).contains(approved.withState(ApprovalState.DENIED, a));
        assertThatThrownBy(() -> cibas().consume(approved.authReqId())).isInstanceOf(ConflictException.class);
        CibaRequest consumed = samples.cibaRequest(CibaMode.PING);
        Approval c = bringTo(consumed, ApprovalState.CONSUMED);
        Evidence.assertWritesNothing(fixture, "revoke of a consumed request",
                () -> assertThat(cibas().revoke(consumed.authReqId())).isFalse());
        assertThat(cibas().find(consumed.authReqId())).contains(consumed.withState(ApprovalState.CONSUMED, c));
        assertThat(cibas().revoke(Samples.secret("arid"))).as("absent").isFalse();
    }

    @Test
    @Covers("save")
    @Covers("find")
    void theAuthReqIdIsStoredAsADigestAndTheNotificationTokenOnlySealed() {
        CibaRequest r = saved(CibaMode.PUSH);
        Hashing.assertOnlyDigestStored(fixture, KIND, r.authReqId());
        assertThat(fixture.persisted().dump()).as("the notification token in clear text")
                .noneMatch(item -> item != null && item.contains(r.clientNotificationToken()));
        String digest = fixture.digest().digest(KIND, r.authReqId());
        Evidence.assertWritesNothing(fixture, "presenting the stored digest", () -> {
            assertThat(cibas().find(digest)).isEmpty();
            assertThat(cibas().approve(digest, approvalOf(r))).isEmpty();
            assertThat(cibas().deny(digest)).isEmpty();
            assertThat(cibas().poll(digest)).isEmpty();
            assertThat(cibas().consume(digest)).isEmpty();
            assertThat(cibas().revoke(digest)).isFalse();
        });
        assertThat(cibas().find(r.authReqId())).contains(r);
    }

    @Test
    @Covers("save")
    @Covers("deny")
    void noRecordStringOrRefusalCarriesTheAuthReqIdOrTheToken() {
        CibaRequest r = saved(CibaMode.PING);
        String[] secrets = {r.authReqId(), r.clientNotificationToken()};
        Evidence.assertNoLeak(Evidence.thrownBy(() -> cibas().save(r)), secrets);
        Evidence.assertNoLeak(Evidence.thrownBy(() -> cibas().consume(r.authReqId())), secrets);
        CibaRequest denied = cibas().deny(r.authReqId()).orElseThrow();
        Evidence.assertNoLeak(Evidence.thrownBy(() -> cibas().deny(r.authReqId())), secrets);
        for (String s : secrets) {
            assertThat(denied.toString()).doesNotContain(s);
            assertThat(cibas().find(r.authReqId()).orElseThrow().toString()).doesNotContain(s);
        }
    }
}
