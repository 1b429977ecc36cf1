package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreKind;

/**
 * The codes of {@link DeviceAuthorizationStore}: two namespaces, the user code normalised, a
 * device code taken until it expires and a user code while its request lives, both stored as
 * digests only, and neither in a message or a {@code toString}.
 */
@ContractFor(DeviceAuthorizationStore.class)
public abstract class DeviceAuthorizationCodesContract extends StoreContract {

    private static final StoreKind KIND = StoreKind.DEVICE_AUTHORIZATIONS;

    private DeviceAuthorizationStore das() {
        return store.deviceAuthorizations();
    }

    private DeviceAuthorization saved() {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        das().save(d);
        return d;
    }

    private static DeviceAuthorization byDeviceCode(DeviceAuthorization d, ApprovalState state, Approval approval) {
        return d.withState(state, approval).asFoundByDeviceCode(d.deviceCode());
    }

    private Approval bringTo(DeviceAuthorization d, ApprovalState state) {
        return DeviceAuthorizationStoreContract.bringTo(das(), samples, d, state);
    }

    @Test
    @Covers("find")
    @Covers("findByUserCode")
    void theCodesLiveInSeparateNamespaces() {
        DeviceAuthorization d = saved();
        assertThat(das().find(d.userCode())).as("a user code presented as a device code").isEmpty();
        assertThat(das().find(DeviceAuthorization.normalizeUserCode(d.userCode()))).isEmpty();
        assertThat(das().findByUserCode(d.deviceCode())).as("a device code presented as a user code").isEmpty();
    }

    @Test
    @Covers("findByUserCode")
    @Covers("approveByUserCode")
    void aUserCodeIsOneCodeWhateverItsCaseAndSeparators() {
        DeviceAuthorization d = samples.deviceAuthorization("client-a", "wdjb-mjht");
        das().save(d);
        for (String form : List.of("WDJB MJHT", "WDJBMJHT", "wdjbmjht", "W.D.J.B-m.j.h.t", " wdjb - mjht ")) {
            assertThat(das().findByUserCode(form)).as(form).contains(d.asFoundByUserCode(form));
        }
        assertThat(das().findByUserCode("WDJB-MJHX")).isEmpty();
        Approval a = samples.approval("sub-alice");
        assertThat(das().approveByUserCode("WDJB MJHT", a))
                .contains(d.withState(ApprovalState.APPROVED, a).asFoundByUserCode("WDJB MJHT"));
        assertThat(das().find(d.deviceCode())).contains(byDeviceCode(d, ApprovalState.APPROVED, a));
    }

    @Test
    @Covers("save")
    void aDeviceCodeIsTakenInEveryStateUntilItExpiresAndARefusalWritesNothing() {
        DeviceAuthorization d = saved();
        DeviceAuthorization again = samples.deviceAuthorization("client-b");
        DeviceAuthorization sameDeviceCode = DeviceAuthorization.pending(d.deviceCode(), again.userCode(), "client-b",
                again.scopes(), again.parameters(), again.createdAt(), again.expiresAt(), again.interval());
        Evidence.assertWritesNothing(fixture, "a duplicate device code", () -> assertThatThrownBy(
                () -> das().save(sameDeviceCode)).isInstanceOf(DuplicateRecordException.class));
        das().approve(d.deviceCode(), samples.approval("sub-alice")).orElseThrow();
        das().consume(d.deviceCode()).orElseThrow();
        Evidence.assertWritesNothing(fixture, "a consumed device code saved again", () -> assertThatThrownBy(
                () -> das().save(sameDeviceCode)).isInstanceOf(DuplicateRecordException.class));
        assertThat(das().findByUserCode(again.userCode())).as("the refused request's user code").isEmpty();
        assertThat(das().find(d.deviceCode()).orElseThrow().state()).isEqualTo(ApprovalState.CONSUMED);
    }

    @ParameterizedTest
    @EnumSource(ApprovalState.class)
    @Covers("save")
    void aLiveUserCodeIsTakenInEveryStateAndARefusalWritesNothing(ApprovalState state) {
        DeviceAuthorization first = samples.deviceAuthorization("client-a");
        bringTo(first, state);
        DeviceAuthorization second = samples.deviceAuthorization("client-b", first.userCode().toLowerCase().replace('-', ' '));
        Evidence.assertWritesNothing(fixture, "a live user code in another form", () -> assertThatThrownBy(
                () -> das().save(second)).isInstanceOf(DuplicateRecordException.class));
        assertThat(das().find(second.deviceCode())).isEmpty();
        assertThat(das().findByUserCode(first.userCode()).orElseThrow().clientId()).isEqualTo("client-a");
    }

    @ParameterizedTest
    @EnumSource(ApprovalState.class)
    @Covers("save")
    @Covers("findByUserCode")
    void anExpiredRequestFreesBothCodesAtOnce(ApprovalState state) {
        DeviceAuthorization first = samples.deviceAuthorization("client-a");
        bringTo(first, state);
        clock.set(first.expiresAt());
        DeviceAuthorization reuse = samples.deviceAuthorization("client-b", first.userCode());
        das().save(reuse);
        assertThat(das().findByUserCode(first.userCode())).contains(reuse.asFoundByUserCode(first.userCode()));
        assertThat(das().find(first.deviceCode())).isEmpty();
        DeviceAuthorization sameDeviceCode = DeviceAuthorization.pending(first.deviceCode(), Samples.userCode(),
                "client-c", first.scopes(), first.parameters(), clock.now(), samples.expiry(), first.interval());
        das().save(sameDeviceCode);
        assertThat(das().find(first.deviceCode())).contains(sameDeviceCode.asFoundByDeviceCode(first.deviceCode()));
    }

    @Test
    @Covers("save")
    void onlyDigestsOfTheCodesAreStoredAndTheUserCodeNeverInClear() {
        DeviceAuthorization d = saved();
        Hashing.assertOnlyDigestStored(fixture, KIND, d.deviceCode());
        Hashing.assertOnlyDigestStored(fixture, KIND, DeviceAuthorization.userCodeDigestInput(d.userCode()));
        String normalized = DeviceAuthorization.normalizeUserCode(d.userCode());
        assertThat(fixture.persisted().dump()).as("the user code, as presented or normalised")
                .noneMatch(item -> item != null && (item.contains(d.userCode()) || item.contains(normalized)));
    }

    @Test
    @Covers("find")
    @Covers("findByUserCode")
    @Covers("approve")
    @Covers("approveByUserCode")
    @Covers("deny")
    @Covers("denyByUserCode")
    @Covers("consume")
    @Covers("revoke")
    void theStoredDigestsPresentedAsCodesDoNotMatch() {
        DeviceAuthorization d = samples.deviceAuthorization("client-a");
        bringTo(d, ApprovalState.APPROVED);
        DeviceAuthorization e = saved();
        String dc = fixture.digest().digest(KIND, d.deviceCode());
        String uc = fixture.digest().digest(KIND, DeviceAuthorization.userCodeDigestInput(e.userCode()));
        Approval a = samples.approval("sub-mallory");
        Evidence.assertWritesNothing(fixture, "presenting stored digests", () -> {
            assertThat(das().find(dc)).isEmpty();
            assertThat(das().consume(dc)).isEmpty();
            assertThat(das().revoke(dc)).isFalse();
            assertThat(das().approve(fixture.digest().digest(KIND, e.deviceCode()), a)).isEmpty();
            assertThat(das().deny(fixture.digest().digest(KIND, e.deviceCode()))).isEmpty();
            assertThat(das().findByUserCode(uc)).isEmpty();
            assertThat(das().approveByUserCode(uc, a)).isEmpty();
            assertThat(das().denyByUserCode(uc)).isEmpty();
        });
        assertThat(das().consume(d.deviceCode())).isPresent();
        assertThat(das().findByUserCode(e.userCode()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    @Covers("save")
    @Covers("approve")
    @Covers("consume")
    void noRecordStringOrRefusalCarriesEitherCode() {
        DeviceAuthorization d = saved();
        String[] secrets = {d.deviceCode(), d.userCode(), DeviceAuthorization.normalizeUserCode(d.userCode())};
        Evidence.assertNoLeak(Evidence.thrownBy(() -> das().save(d)), secrets);
        DeviceAuthorization sameUserCode = samples.deviceAuthorization("client-b", d.userCode());
        Evidence.assertNoLeak(Evidence.thrownBy(() -> das().save(sameUserCode)), sameUserCode.deviceCode(), d.userCode());
        Evidence.assertNoLeak(Evidence.thrownBy(() -> das().consume(d.deviceCode())), secrets);
        DeviceAuthorization approved = das().approveByUserCode(d.userCode(), samples.approval("sub-alice")).orElseThrow();
        Evidence.assertNoLeak(Evidence.thrownBy(() -> das().approve(d.deviceCode(), samples.approval("sub-alice"))), secrets);
        Evidence.assertNoLeak(Evidence.thrownBy(() -> das().denyByUserCode(d.userCode())), secrets);
        das().consume(d.deviceCode()).orElseThrow();
        Throwable replay = Evidence.thrownBy(() -> das().consume(d.deviceCode()));
        assertThat(replay).isInstanceOf(AlreadyConsumedException.class);
        Evidence.assertNoLeak(replay, secrets);
        for (Object r : List.of(approved, das().find(d.deviceCode()).orElseThrow(),
                das().findByUserCode(d.userCode()).orElseThrow())) {
            for (String s : secrets) {
                assertThat(r.toString()).doesNotContain(s);
            }
        }
    }
}
