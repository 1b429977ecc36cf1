package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.StoreKind;

/**
 * Contract of {@link DeviceAuthorizationStore}: saving, finding, the transitions and the
 * redemption matrix. The codes (normalisation, duplicates and reuse, digests, secrecy) are in
 * {@link DeviceAuthorizationCodesContract}; polls, strikes, poll violations and the expiry instant
 * of every operation in {@link DeviceAuthorizationPollingContract}; the races in
 * {@link DeviceAuthorizationRaceContract}.
 */
@ContractFor(DeviceAuthorizationStore.class)
public abstract class DeviceAuthorizationStoreContract extends StoreContract {

    static final StoreKind KIND = StoreKind.DEVICE_AUTHORIZATIONS;

    private DeviceAuthorizationStore das() {
        return store.deviceAuthorizations();
    }

    private DeviceAuthorization saved() {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        das().save(d);
        return d;
    }

    /** {@code d} as {@code find(deviceCode)} shows it in {@code state} with {@code approval}. */
    private static DeviceAuthorization byDeviceCode(DeviceAuthorization d, ApprovalState state, Approval approval) {
        return d.withState(state, approval).asFoundByDeviceCode(d.deviceCode());
    }

    /** Saves {@code d} and brings it to {@code state}; returns the approval given on the way, or {@code null}. */
    static Approval bringTo(DeviceAuthorizationStore das, Samples samples, DeviceAuthorization d, ApprovalState state) {
        das.save(d);
        Approval a = state == ApprovalState.APPROVED || state == ApprovalState.CONSUMED ? samples.approval("sub-alice")
                : null;
        switch (state) {
            case PENDING -> { }
            case APPROVED -> das.approve(d.deviceCode(), a).orElseThrow();
            case DENIED -> das.deny(d.deviceCode()).orElseThrow();
            case CONSUMED -> {
                das.approve(d.deviceCode(), a).orElseThrow();
                das.consume(d.deviceCode()).orElseThrow();
            }
        }
        return a;
    }

    @Test
    @Covers("save")
    @Covers("find")
    @Covers("findByUserCode")
    void aPendingRequestReadsBackByEitherCodeCarryingOnlyThePresentedOne() {
        DeviceAuthorization d = saved();
        DeviceAuthorization byDevice = das().find(d.deviceCode()).orElseThrow();
        assertThat(byDevice).isEqualTo(d.asFoundByDeviceCode(d.deviceCode()));
        assertThat(byDevice.userCode()).as("found by device code: no user code").isNull();
        DeviceAuthorization byUser = das().findByUserCode(d.userCode()).orElseThrow();
        assertThat(byUser).isEqualTo(d.asFoundByUserCode(d.userCode()));
        assertThat(byUser.deviceCode()).as("found by user code: never the device code").isNull();
        assertThat(byUser.state()).isEqualTo(ApprovalState.PENDING);
        assertThat(das().find(Samples.secret("dc"))).isEmpty();
        assertThat(das().findByUserCode(Samples.userCode())).isEmpty();
    }

    @Test
    @Covers("save")
    void savingARequestThatIsNotNewIsRefusedAndWritesNothing() {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        Approval a = samples.approval("sub-alice");
        Map<String, DeviceAuthorization> notNew = new LinkedHashMap<>();
        notNew.put("approved", d.withState(ApprovalState.APPROVED, a));
        notNew.put("denied", d.withState(ApprovalState.DENIED, null));
        notNew.put("consumed", d.withState(ApprovalState.CONSUMED, a));
        notNew.put("pending with an approval", d.withState(ApprovalState.PENDING, a));
        notNew.put("polled", d.withPoll(clock.now(), d.interval()));
        notNew.put("with a strike", d.withCounters(1, 0));
        notNew.put("with a poll violation", d.withCounters(0, 1));
        notNew.put("without user code", d.asFoundByDeviceCode(d.deviceCode()));
        notNew.put("without device code", d.asFoundByUserCode(d.userCode()));
        Map<String, Runnable> checks = new LinkedHashMap<>();
        notNew.forEach((what, r) -> checks.put(what, () -> Evidence.assertWritesNothing(fixture, "saving a request " + what,
                () -> assertThatThrownBy(() -> das().save(r)).isInstanceOf(IllegalArgumentException.class))));
        Evidence.aboutEach(checks);
        assertThat(das().find(d.deviceCode())).isEmpty();
        assertThat(das().findByUserCode(d.userCode())).isEmpty();
        das().save(d);
        assertThat(das().find(d.deviceCode())).as("the codes of refused saves are free").isPresent();
    }

    @Test
    @Covers("approve")
    void approveMovesAPendingRequestToApprovedWithTheApproval() {
        DeviceAuthorization d = saved();
        Approval a = samples.approval("sub-alice");
        DeviceAuthorization approved = das().approve(d.deviceCode(), a).orElseThrow();
        assertThat(approved).isEqualTo(byDeviceCode(d, ApprovalState.APPROVED, a));
        assertThat(approved.userCode()).isNull();
        assertThat(das().find(d.deviceCode())).contains(approved);
        assertThat(das().findByUserCode(d.userCode())).contains(d.withState(ApprovalState.APPROVED, a)
                .asFoundByUserCode(d.userCode()));
        assertThat(das().approve(Samples.secret("dc"), a)).as("absent").isEmpty();
    }

    @Test
    @Covers("approveByUserCode")
    void approveByUserCodeAnswersWithTheUserCodeAndNeverTheDeviceCode() {
        DeviceAuthorization d = saved();
        Approval a = samples.approval("sub-alice").withAmr(List.of("hwk"));
        DeviceAuthorization approved = das().approveByUserCode(d.userCode(), a).orElseThrow();
        assertThat(approved).isEqualTo(d.withState(ApprovalState.APPROVED, a).asFoundByUserCode(d.userCode()));
        assertThat(approved.deviceCode()).isNull();
        assertThat(das().find(d.deviceCode())).contains(byDeviceCode(d, ApprovalState.APPROVED, a));
        assertThat(das().approveByUserCode(Samples.userCode(), a)).as("absent").isEmpty();
    }

    @Test
    @Covers("deny")
    @Covers("denyByUserCode")
    void denyMovesAPendingRequestToDeniedByEitherCode() {
        DeviceAuthorization d = saved();
        assertThat(das().deny(d.deviceCode())).contains(byDeviceCode(d, ApprovalState.DENIED, null));
        assertThat(das().find(d.deviceCode())).contains(byDeviceCode(d, ApprovalState.DENIED, null));
        DeviceAuthorization e = saved();
        String presented = e.userCode().toLowerCase();
        DeviceAuthorization denied = das().denyByUserCode(presented).orElseThrow();
        assertThat(denied).isEqualTo(e.withState(ApprovalState.DENIED, null).asFoundByUserCode(presented));
        assertThat(denied.deviceCode()).isNull();
        assertThat(das().find(e.deviceCode())).contains(byDeviceCode(e, ApprovalState.DENIED, null));
        assertThat(das().deny(Samples.secret("dc"))).as("absent").isEmpty();
        assertThat(das().denyByUserCode(Samples.userCode())).as("absent").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ApprovalState.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    @Covers("approve")
    @Covers("approveByUserCode")
    @Covers("deny")
    @Covers("denyByUserCode")
    void approvingOrDenyingARequestThatIsNotPendingConflictsAndChangesNothing(ApprovalState state) {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        bringTo(das(), samples, d, state);
        DeviceAuthorization before = das().find(d.deviceCode()).orElseThrow();
        Approval other = samples.approval("sub-mallory");
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("approve", () -> das().approve(d.deviceCode(), other));
        calls.put("approveByUserCode", () -> das().approveByUserCode(d.userCode(), other));
        calls.put("deny", () -> das().deny(d.deviceCode()));
        calls.put("denyByUserCode", () -> das().denyByUserCode(d.userCode()));
        Map<String, Runnable> checks = new LinkedHashMap<>();
        calls.forEach((what, call) -> checks.put(what + " of a " + state + " request", () -> Evidence.assertWritesNothing(
                fixture, what, () -> assertThatThrownBy(call::run).isInstanceOf(ConflictException.class))));
        Evidence.aboutEach(checks);
        assertThat(das().find(d.deviceCode())).contains(before);
    }

    @Test
    @Covers("consume")
    void consumeRedeemsAnApprovedRequestOnceAndAReplayCarriesTheConsumedRecord() {
        DeviceAuthorization d = saved();
        Approval a = samples.approval("sub-alice");
        das().approve(d.deviceCode(), a).orElseThrow();
        DeviceAuthorization consumed = das().consume(d.deviceCode()).orElseThrow();
        assertThat(consumed).as("the consumed request keeps its approval")
                .isEqualTo(byDeviceCode(d, ApprovalState.CONSUMED, a));
        assertThat(das().find(d.deviceCode())).contains(consumed);
        assertThatThrownBy(() -> das().consume(d.deviceCode()))
                .isInstanceOfSatisfying(AlreadyConsumedException.class,
                        e -> assertThat(e.record(DeviceAuthorization.class)).contains(consumed));
        assertThat(das().consume(Samples.secret("dc"))).as("never existed is not a replay").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ApprovalRedemption.class)
    @Covers("find")
    @Covers("findByUserCode")
    @Covers("consume")
    @Covers("revoke")
    void redemptionMatrix(ApprovalRedemption row) {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        Approval a = bringTo(das(), samples, d, row.state());
        DeviceAuthorization stored = byDeviceCode(d, row.state(), a);
        if (row.expired()) {
            clock.set(d.expiresAt());
            assertThat(das().find(d.deviceCode())).isEmpty();
            assertThat(das().findByUserCode(d.userCode())).isEmpty();
            assertThat(das().consume(d.deviceCode())).as("expired beats every state, consumed included").isEmpty();
            assertThat(das().revoke(d.deviceCode())).isFalse();
            return;
        }
        assertThat(das().find(d.deviceCode())).contains(stored);
        assertThat(das().findByUserCode(d.userCode()).map(DeviceAuthorization::state)).contains(row.state());
        switch (row.state()) {
            case PENDING, DENIED -> {
                Evidence.assertWritesNothing(fixture, "consume of a " + row.state() + " request",
                        () -> assertThatThrownBy(() -> das().consume(d.deviceCode())).isInstanceOf(ConflictException.class));
                assertThat(das().find(d.deviceCode())).contains(stored);
            }
            case APPROVED -> assertThat(das().consume(d.deviceCode())).contains(byDeviceCode(d, ApprovalState.CONSUMED, a));
            case CONSUMED -> assertThatThrownBy(() -> das().consume(d.deviceCode()))
                    .isInstanceOfSatisfying(AlreadyConsumedException.class,
                            e -> assertThat(e.record(DeviceAuthorization.class)).contains(stored));
        }
        boolean revocable = row.state() == ApprovalState.PENDING;
        assertThat(das().revoke(d.deviceCode())).as("revoke after the consume attempt").isEqualTo(revocable);
    }

    @Test
    @Covers("revoke")
    void revokeDeniesAPendingOrApprovedRequestOnceAndLeavesDeniedOrConsumedOnesAlone() {
        DeviceAuthorization pending = saved();
        assertThat(das().revoke(pending.deviceCode())).isTrue();
        assertThat(das().find(pending.deviceCode())).contains(byDeviceCode(pending, ApprovalState.DENIED, null));
        assertThat(das().revoke(pending.deviceCode())).as("idempotent").isFalse();

        DeviceAuthorization approved = samples.deviceAuthorization("client-a");
        Approval a = bringTo(das(), samples, approved, ApprovalState.APPROVED);
        assertThat(das().revoke(approved.deviceCode())).isTrue();
        assertThat(das().find(approved.deviceCode())).as("a revoked approval is kept")
                .contains(byDeviceCode(approved, ApprovalState.DENIED, a));
        assertThatThrownBy(() -> das().consume(approved.deviceCode())).as("revoked before redemption")
                .isInstanceOf(ConflictException.class);

        DeviceAuthorization consumed = samples.deviceAuthorization("client-a");
        Approval c = bringTo(das(), samples, consumed, ApprovalState.CONSUMED);
        Evidence.assertWritesNothing(fixture, "revoke of a consumed request",
                () -> assertThat(das().revoke(consumed.deviceCode())).isFalse());
        assertThat(das().find(consumed.deviceCode())).contains(byDeviceCode(consumed, ApprovalState.CONSUMED, c));
        assertThatThrownBy(() -> das().consume(consumed.deviceCode())).isInstanceOf(AlreadyConsumedException.class);
        assertThat(das().revoke(Samples.secret("dc"))).as("absent").isFalse();
    }

}
