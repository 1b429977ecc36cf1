package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Race;
import org.oidcstore.store.tck.Samples;

/**
 * The user-code index of device authorizations on the real servers, Redis Cluster included, where
 * a record (keyed by the device code's digest) and its user code's reservation live in different
 * slots: the index never lets a second live holder of one user code through, a stale or forged
 * reservation never reaches a record that does not hold its user code, a refused save gives its
 * user code back at once, and both keys carry the record's TTL.
 */
class DeviceUserCodesTest {
    private static final Duration LIFE = Duration.ofMinutes(10);

    private static DeviceAuthorization pending(Instant now, String deviceCode, String userCode) {
        return DeviceAuthorization.pending(deviceCode, userCode, "client-a", Set.of("openid"), Map.of(), now,
                now.plus(LIFE), Duration.ofSeconds(5));
    }

    private static String userCode(String prefix) {
        return prefix + "-" + Samples.id("u").replaceAll("[^A-Za-z0-9]", "").toUpperCase().substring(0, 8);
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void theRecordAndItsReservationAreInDifferentSlotsAndBothExpireWithTheRecord(Topology topology) {
        try (RedisFixture f = new RedisFixture(topology)) {
            RedisKeys keys = new RedisKeys(f.prefix());
            DeviceAuthorization d = pending(f.clock().now(), Samples.secret("dc"), userCode("WDJB"));
            f.store().deviceAuthorizations().save(d);
            byte[] record = RedisDeviceAuthorizationStore.key(keys, f.digest().digest(StoreKind.DEVICE_AUTHORIZATIONS,
                    d.deviceCode()));
            byte[] reservation = DeviceUserCodes.key(keys, f.digest().digest(StoreKind.DEVICE_AUTHORIZATIONS,
                    DeviceAuthorization.userCodeDigestInput(d.userCode())));
            for (byte[] key : List.of(record, reservation)) {
                long pttl = f.admin().jedis().pttl(key);
                assertThat(pttl).as("PTTL of %s", new String(key, StandardCharsets.UTF_8))
                        .isLessThanOrEqualTo(LIFE.toMillis()).isGreaterThan(LIFE.toMillis() - 2_000);
            }
            if (topology == Topology.CLUSTER) {
                assertThat(f.admin().keySlot(record)).isNotEqualTo(f.admin().keySlot(reservation));
            }
            assertThat(f.store().deviceAuthorizations().findByUserCode(d.userCode().toLowerCase())).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void ofConcurrentSavesOfOneUserCodeExactlyOneWinsAndTheUserCodeFindsTheWinner(Topology topology) {
        try (RedisFixture f = new RedisFixture(topology)) {
            DeviceAuthorizationStore store = f.store().deviceAuthorizations();
            String[] user = new String[1];
            List<String> devices = new ArrayList<>();
            Race.<String>rounds(round -> {
                user[0] = userCode("RACE");
                devices.clear();
                for (int i = 0; i < Race.THREADS; i++) {
                    devices.add(Samples.secret("dc" + i));
                }
                Instant now = f.clock().now();
                return i -> () -> {
                    store.save(pending(now, devices.get(i), user[0]));
                    return devices.get(i);
                };
            }, (round, outcomes) -> {
                Race.assertOneWinner(round, outcomes, DuplicateRecordException.class);
                String winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
                assertThat(store.approveByUserCode(user[0], Approval.of("alice", f.clock().now()))).isPresent();
                assertThat(store.find(winner).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
                for (String loser : devices) {
                    if (!loser.equals(winner)) {
                        assertThat(store.find(loser)).as("round %d: a loser's record", round).isEmpty();
                    }
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void aRefusedSaveGivesItsUserCodeBackAtOnce(Topology topology) {
        try (RedisFixture f = new RedisFixture(topology)) {
            DeviceAuthorizationStore store = f.store().deviceAuthorizations();
            Instant now = f.clock().now();
            String device = Samples.secret("dc");
            store.save(pending(now, device, userCode("FRST")));
            String second = userCode("SCND");
            assertThatThrownBy(() -> store.save(pending(now, device, second)))
                    .isInstanceOf(DuplicateRecordException.class);
            assertThat(store.findByUserCode(second)).as("the refused save left no record behind its user code")
                    .isEmpty();
            String other = Samples.secret("dc-other");
            store.save(pending(now, other, second)); // not blocked by the refused save's reservation
            assertThat(store.findByUserCode(second).orElseThrow().clientId()).isEqualTo("client-a");
            assertThat(store.denyByUserCode(second)).isPresent();
            assertThat(store.find(other).orElseThrow().state()).isEqualTo(ApprovalState.DENIED);
            assertThat(store.find(device).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void aStaleReservationNeverReachesTheRecordThatReplacedItsOwn(Topology topology) {
        try (RedisFixture f = new RedisFixture(topology)) {
            DeviceAuthorizationStore store = f.store().deviceAuthorizations();
            String device = Samples.secret("dc");
            String first = userCode("OLDC");
            store.save(pending(f.clock().now(), device, first));
            f.clock().advance(LIFE); // expired at expiresAt (inclusive); Redis still holds both keys
            String second = userCode("NEWC");
            store.save(pending(f.clock().now(), device, second)); // the device code is free again
            assertThat(store.findByUserCode(first)).isEmpty();
            assertThat(store.strike(first)).isEmpty();
            assertThat(store.find(device).orElseThrow().strikes()).isZero();
            // the expired user code is free at once, and then finds its own record only
            String other = Samples.secret("dc-3");
            store.save(pending(f.clock().now(), other, first));
            assertThat(store.denyByUserCode(first)).isPresent();
            assertThat(store.find(other).orElseThrow().state()).isEqualTo(ApprovalState.DENIED);
            assertThat(store.find(device).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void aLiveReservationNamingARecordOfAnotherUserCodeReachesNothingAndKeepsItsCodeTaken(Topology topology) {
        try (RedisFixture f = new RedisFixture(topology)) {
            DeviceAuthorizationStore store = f.store().deviceAuthorizations();
            String device = Samples.secret("dc");
            store.save(pending(f.clock().now(), device, userCode("REAL")));
            // what a save that died after its reservation, or a stale index entry, could leave: a
            // reservation of another user code naming this record, not past its expiry
            String forged = userCode("FRGD");
            RedisKeys keys = new RedisKeys(f.prefix());
            byte[] reservation = DeviceUserCodes.key(keys, f.digest().digest(StoreKind.DEVICE_AUTHORIZATIONS,
                    DeviceAuthorization.userCodeDigestInput(forged)));
            f.admin().jedis().set(reservation, (Micros.of(f.clock().now().plus(LIFE)) + " "
                    + f.digest().digest(StoreKind.DEVICE_AUTHORIZATIONS, device)).getBytes(StandardCharsets.US_ASCII));
            assertThat(store.findByUserCode(forged)).isEmpty();
            assertThat(store.approveByUserCode(forged, Approval.of("mallory", f.clock().now()))).isEmpty();
            assertThat(store.denyByUserCode(forged)).isEmpty();
            assertThat(store.strike(forged)).isEmpty();
            DeviceAuthorization current = store.find(device).orElseThrow();
            assertThat(current.state()).isEqualTo(ApprovalState.PENDING);
            assertThat(current.strikes()).isZero();
            // the safe direction: the code stays taken until the reservation's expiry, then is free
            assertThatThrownBy(() -> store.save(pending(f.clock().now(), Samples.secret("dc-2"), forged)))
                    .isInstanceOf(DuplicateRecordException.class);
            f.clock().advance(LIFE);
            store.save(pending(f.clock().now(), Samples.secret("dc-2"), forged));
            assertThat(store.findByUserCode(forged)).isPresent();
        }
    }
}
