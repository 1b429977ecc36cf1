package org.oidcstore.store.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * The user-code index the memory tier keeps beside its device authorizations: it holds one entry
 * per stored record (none once the records are reclaimed, none left by a refused save), a stale
 * entry never reaches a record that does not hold its user code, and both new kinds count in
 * {@code sizes()} and the capacity.
 */
class MemoryDeviceUserCodesTest {
    private static final Duration LIFE = Duration.ofMinutes(10);

    private final MutableClock clock = MutableClock.startingNow();

    private MemoryAggregate store(int capacity) {
        return new MemoryAggregate(new MemorySettings(capacity, MemorySettings.DEFAULT_MAX_VALUE_BYTES, 64), clock,
                new StoreSettings(SecretDigest.peppered("test-pepper-0123456789abcdef-0123456789".getBytes(
                        StandardCharsets.UTF_8)), StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW));
    }

    private DeviceAuthorization pending(String deviceCode, String userCode) {
        Instant now = clock.now();
        return DeviceAuthorization.pending(deviceCode, userCode, "client-a", Set.of("openid"), Map.of(), now,
                now.plus(LIFE), Duration.ofSeconds(5));
    }

    private static int indexSize(MemoryAggregate store) {
        return ((ConcurrentHashMap<?, ?>) store.besidesOf(StoreKind.DEVICE_AUTHORIZATIONS)).size();
    }

    @Test
    void theIndexHoldsOneEntryPerRecordAndNoneOnceTheRecordsAreReclaimed() {
        MemoryAggregate store = store(1_000);
        DeviceAuthorizationStore devices = store.deviceAuthorizations();
        for (int i = 0; i < 100; i++) {
            devices.save(pending(Samples.secret("dc"), "CODE-" + i));
        }
        assertThat(store.sizes()).containsEntry(StoreKind.DEVICE_AUTHORIZATIONS, 100)
                .containsEntry(StoreKind.CIBA_REQUESTS, 0);
        assertThat(store.recordCounts()).containsEntry(StoreKind.DEVICE_AUTHORIZATIONS, 100L);
        assertThat(indexSize(store)).isEqualTo(100);
        clock.advance(LIFE);
        store.reclaimExpired();
        assertThat(store.sizes()).containsEntry(StoreKind.DEVICE_AUTHORIZATIONS, 0);
        assertThat(indexSize(store)).as("index entries left after every record was reclaimed").isZero();
    }

    @Test
    void aRefusedSaveLeavesNoIndexEntryAndGivesItsUserCodeBack() {
        MemoryAggregate store = store(1_000);
        DeviceAuthorizationStore devices = store.deviceAuthorizations();
        String device = Samples.secret("dc");
        devices.save(pending(device, "FRST-CODE"));
        assertThatThrownBy(() -> devices.save(pending(device, "SCND-CODE")))
                .isInstanceOf(DuplicateRecordException.class);
        assertThat(indexSize(store)).isEqualTo(1);
        devices.save(pending(Samples.secret("dc"), "SCND-CODE"));
        assertThat(devices.findByUserCode("scnd code")).isPresent();
    }

    @Test
    void aSaveRefusedByAFullStoreLeavesNoIndexEntry() {
        MemoryAggregate store = store(2);
        DeviceAuthorizationStore devices = store.deviceAuthorizations();
        devices.save(pending(Samples.secret("dc"), "AAAA-0001"));
        devices.save(pending(Samples.secret("dc"), "AAAA-0002"));
        assertThatThrownBy(() -> devices.save(pending(Samples.secret("dc"), "AAAA-0003")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(indexSize(store)).isEqualTo(2);
        assertThat(devices.findByUserCode("AAAA-0003")).isEmpty();
    }

    @Test
    void aStaleEntryNeverReachesTheRecordThatReplacedItsOwn() {
        MemoryAggregate store = store(1_000);
        DeviceAuthorizationStore devices = store.deviceAuthorizations();
        String device = Samples.secret("dc");
        devices.save(pending(device, "OLDC-ODE1"));
        clock.advance(LIFE); // expired, not yet reclaimed
        devices.save(pending(device, "NEWC-ODE2")); // the device code is free again
        assertThat(devices.findByUserCode("OLDC-ODE1")).isEmpty();
        assertThat(devices.strike("OLDC-ODE1")).isEmpty();
        assertThat(devices.denyByUserCode("OLDC-ODE1")).isEmpty();
        assertThat(devices.find(device).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(indexSize(store)).as("the replaced record's entry left with it").isEqualTo(1);
    }

    @Test
    void nothingHeldCarriesACodeOrTheNotificationTokenInClear() {
        MemoryAggregate store = store(1_000);
        String device = Samples.secret("dc");
        String token = Samples.secret("cnt");
        String authReqId = Samples.secret("arid");
        store.deviceAuthorizations().save(pending(device, "WDJB-MJHT"));
        Instant now = clock.now();
        store.cibaRequests().save(CibaRequest.pending(authReqId, "client-a", "alice", Set.of("openid"),
                java.util.List.of(), null, CibaMode.PING, token, now, now.plus(LIFE), Duration.ofSeconds(5)));
        String held = String.join("\n", store.dump());
        assertThat(held).doesNotContain(device).doesNotContain("WDJB").doesNotContain("MJHT")
                .doesNotContain(token).doesNotContain(authReqId);
        assertThat(store.cibaRequests().find(authReqId).orElseThrow().clientNotificationToken()).isEqualTo(token);
    }
}
