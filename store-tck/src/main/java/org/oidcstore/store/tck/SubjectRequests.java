package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.OidcStore;

/** The device and CIBA records {@link SubjectRecords} plants: polled requests in every state. */
final class SubjectRequests {

    private SubjectRequests() {
    }

    /**
     * Device authorizations of {@code subject}: approved, consumed, approved and then expired
     * (counted: the two live ones); a pending one and a denied one name no subject and stay.
     */
    static int device(OidcStore store, Samples samples, Instant soon, String subject, List<Runnable> kept,
            List<Runnable> gone) {
        var devices = store.deviceAuthorizations();
        DeviceAuthorization approved = SubjectRecords.device(samples, samples.expiry());
        DeviceAuthorization consumed = SubjectRecords.device(samples, samples.expiry());
        DeviceAuthorization fading = SubjectRecords.device(samples, soon);
        DeviceAuthorization pending = SubjectRecords.device(samples, samples.expiry());
        DeviceAuthorization denied = SubjectRecords.device(samples, samples.expiry());
        for (DeviceAuthorization d : List.of(approved, consumed, fading, pending, denied)) {
            devices.save(d);
        }
        for (DeviceAuthorization d : List.of(approved, consumed, fading)) {
            assertThat(devices.approve(d.deviceCode(), samples.approval(subject))).isPresent();
        }
        assertThat(devices.consume(consumed.deviceCode())).isPresent();
        assertThat(devices.deny(denied.deviceCode())).isPresent();
        kept.add(() -> assertThat(devices.find(approved.deviceCode()).orElseThrow().state())
                .isEqualTo(ApprovalState.APPROVED));
        kept.add(() -> assertThat(devices.find(consumed.deviceCode()).orElseThrow().approval().subject())
                .isEqualTo(subject));
        for (DeviceAuthorization d : List.of(approved, consumed)) {
            gone.add(() -> assertThat(devices.find(d.deviceCode())).isEmpty());
            gone.add(() -> assertThat(devices.findByUserCode(d.userCode())).isEmpty());
        }
        for (DeviceAuthorization d : List.of(pending, denied)) {
            Runnable stays = () -> assertThat(devices.find(d.deviceCode())).isPresent();
            kept.add(stays);
            gone.add(stays);
        }
        return 2;
    }

    /**
     * CIBA requests for {@code subject}: pending, approved, denied, consumed, and a pending one that
     * expires (counted: the four live ones).
     */
    static int ciba(OidcStore store, Samples samples, Instant soon, String subject, List<Runnable> kept,
            List<Runnable> gone) {
        var requests = store.cibaRequests();
        CibaRequest pending = SubjectRecords.cibaRequest(samples, subject, samples.expiry());
        CibaRequest approved = SubjectRecords.cibaRequest(samples, subject, samples.expiry());
        CibaRequest denied = SubjectRecords.cibaRequest(samples, subject, samples.expiry());
        CibaRequest consumed = SubjectRecords.cibaRequest(samples, subject, samples.expiry());
        CibaRequest fading = SubjectRecords.cibaRequest(samples, subject, soon);
        for (CibaRequest r : List.of(pending, approved, denied, consumed, fading)) {
            requests.save(r);
        }
        for (CibaRequest r : List.of(approved, consumed)) {
            assertThat(requests.approve(r.authReqId(), samples.approval(subject))).isPresent();
        }
        assertThat(requests.deny(denied.authReqId())).isPresent();
        assertThat(requests.consume(consumed.authReqId())).isPresent();
        for (CibaRequest r : List.of(pending, approved, denied, consumed)) {
            kept.add(() -> assertThat(requests.find(r.authReqId()).orElseThrow().subject()).isEqualTo(subject));
            gone.add(() -> assertThat(requests.find(r.authReqId())).isEmpty());
        }
        kept.add(() -> assertThat(requests.find(consumed.authReqId()).orElseThrow().state())
                .isEqualTo(ApprovalState.CONSUMED));
        return 4;
    }
}
