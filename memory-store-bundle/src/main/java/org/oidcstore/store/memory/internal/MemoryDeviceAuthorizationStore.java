package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.ValueSize;

/**
 * Device authorizations keyed by the digest of the device code, and beside them the user-code
 * index, a {@link SecondaryKeyIndex}: the digest of a user code maps to a
 * {@link SecondaryKeyIndex.Reservation} (the device key and the expiry). The stored record carries
 * both digests in place of the codes.
 *
 * <p><b>Save</b> first reserves the user code in the index's atomic section (refused while a live
 * reservation holds it: a live record, or a save in flight), then writes the record in the device
 * key's atomic section (refused while a live record holds the device code), and releases its
 * reservation if that write is refused. A reservation leaves the index with its record (the map's
 * removal callback, or the write that replaces an expired record), so the index is bounded by the
 * records plus the saves in flight. Operations by user code read the reservation, then decide in
 * the device key's atomic section, and only on a live record whose user-code digest is the one
 * looked up: a stale reservation never reaches another record.
 *
 * <p>Under a pepper list, writes use the newest pepper's digests; lookups try the digests in order,
 * stopping at the first that holds a live entry.
 *
 * <p>Beside them too, the {@link SubjectIndex} of the records approved for a subject (for
 * {@link #eraseSubject}): every transition indexes the record's approval subject in the device
 * key's atomic section once its write is certain, and the map's removal callback unindexes it.
 */
final class MemoryDeviceAuthorizationStore implements DeviceAuthorizationStore {
    private static final StoreKind KIND = StoreKind.DEVICE_AUTHORIZATIONS;

    private final ExpiringMap<DeviceAuthorization> records;
    private final SecondaryKeyIndex<DeviceAuthorization> userCodes;
    private final SubjectIndex subjects;
    private final SecretDigest digest;
    private final int maxValueBytes;
    private final ApprovalTransitions<DeviceAuthorization> t = new ApprovalTransitions<>("device authorization",
            "device code", DeviceAuthorization::state, DeviceAuthorization::approval, DeviceAuthorization::lastPolledAt,
            DeviceAuthorization::interval, DeviceAuthorization::withState, DeviceAuthorization::withPoll);

    static MemoryDeviceAuthorizationStore of(MemoryParts p) {
        ConcurrentHashMap<String, SecondaryKeyIndex.Reservation> index = p.beside(KIND, ConcurrentHashMap::new);
        SubjectIndex subjects = p.subjects(KIND);
        ExpiringMap<DeviceAuthorization> map = p.<DeviceAuthorization>map(KIND, (key, d) -> {
            unindex(index, d);
            subjects.remove(subjectOf(d), key);
        });
        SecretDigest digest = p.shared().digest();
        var userCodes = new SecondaryKeyIndex<>(index, map, DeviceAuthorization::userCode,
                "a live device authorization holds this user code");
        return new MemoryDeviceAuthorizationStore(map, userCodes, subjects, digest, p.settings().maxValueBytes());
    }

    MemoryDeviceAuthorizationStore(ExpiringMap<DeviceAuthorization> records,
            SecondaryKeyIndex<DeviceAuthorization> userCodes, SubjectIndex subjects, SecretDigest digest,
            int maxValueBytes) {
        this.records = records;
        this.userCodes = userCodes;
        this.subjects = subjects;
        this.digest = digest;
        this.maxValueBytes = maxValueBytes;
    }

    /** The subject a record was approved for, or null (pending, or denied before approval). */
    static String subjectOf(DeviceAuthorization d) {
        return d.approval() == null ? null : d.approval().subject();
    }

    /** Drops the reservation of a stored record (its {@code userCode} is the digest), if it is still that record's. */
    static void unindex(ConcurrentHashMap<String, SecondaryKeyIndex.Reservation> index, DeviceAuthorization stored) {
        SecondaryKeyIndex.unindex(index, stored.userCode(), stored.deviceCode(), stored.expiresAt());
    }

    private List<String> deviceKeys(String deviceCode) {
        return digest.digests(KIND, deviceCode);
    }

    /** The user code's digests, newest pepper first; empty for a code no save accepts. */
    private List<String> userKeys(String userCode) {
        if (!Arguments.isStorableId(Objects.requireNonNull(userCode, "userCode"))) {
            return List.of();
        }
        try {
            return digest.digests(KIND, DeviceAuthorization.userCodeDigestInput(userCode));
        } catch (IllegalArgumentException e) {
            return List.of(); // no letter or digit: save refuses it
        }
    }

    @Override
    public void save(DeviceAuthorization authorization) {
        Objects.requireNonNull(authorization, "authorization");
        if (authorization.deviceCode() == null || authorization.userCode() == null
                || authorization.state() != ApprovalState.PENDING || authorization.approval() != null
                || authorization.lastPolledAt() != null || authorization.strikes() != 0
                || authorization.pollViolations() != 0) {
            throw new IllegalArgumentException("save takes a new pending device authorization with both codes "
                    + "(DeviceAuthorization.pending)");
        }
        ValueSize.check(ValueSize.of(authorization), maxValueBytes, KIND.configName(),
                MemorySettings.MAX_VALUE_BYTES_KEY);
        List<String> userKeys = digest.digests(KIND, DeviceAuthorization.userCodeDigestInput(authorization.userCode()));
        List<String> deviceKeys = deviceKeys(authorization.deviceCode());
        String deviceKey = deviceKeys.get(0);
        String userKey = userKeys.get(0);
        Instant now = records.now();
        SecondaryKeyIndex.Reservation mine = new SecondaryKeyIndex.Reservation(deviceKey, authorization.expiresAt());
        userCodes.reserve(userKeys, mine, now);
        DeviceAuthorization stored = new DeviceAuthorization(deviceKey, userKey, authorization.clientId(),
                authorization.scopes(), authorization.parameters(), authorization.createdAt(),
                authorization.expiresAt(), authorization.interval(), ApprovalState.PENDING, null, null, 0, 0);
        boolean written = false;
        try {
            records.compute(deviceKey, (k, old) -> {
                if (old != null && old.liveAt(now) || ApprovalTransitions.liveUnderOlderKey(records, deviceKeys, now)) {
                    throw new DuplicateRecordException("a device authorization with this device code exists");
                }
                if (old != null) {
                    DeviceAuthorization replaced = old.value(); // the expired record this write replaces
                    userCodes.unindex(replaced.userCode(), replaced.deviceCode(), replaced.expiresAt());
                    subjects.moved(k, subjectOf(replaced), null);
                }
                return new ExpiringMap.Entry<>(stored, stored.expiresAt());
            });
            written = true;
        } finally {
            if (!written) {
                userCodes.release(userKey, mine);
            }
        }
    }

    @Override
    public Optional<DeviceAuthorization> find(String deviceCode) {
        if (!Arguments.isStorableId(Objects.requireNonNull(deviceCode, "deviceCode"))) {
            return Optional.empty();
        }
        Instant now = records.now();
        for (String key : deviceKeys(deviceCode)) {
            ExpiringMap.Entry<DeviceAuthorization> e = records.getLive(key, now);
            if (e != null) {
                return Optional.of(e.value().asFoundByDeviceCode(deviceCode));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<DeviceAuthorization> findByUserCode(String userCode) {
        Instant now = records.now();
        for (String userKey : userKeys(userCode)) {
            String deviceKey = userCodes.resolve(userKey, now);
            ExpiringMap.Entry<DeviceAuthorization> e = deviceKey == null ? null : records.getLive(deviceKey, now);
            if (e != null && userKey.equals(e.value().userCode())) {
                return Optional.of(e.value().asFoundByUserCode(userCode));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<DeviceAuthorization> approve(String deviceCode, Approval approval) {
        Objects.requireNonNull(approval, "approval");
        return byDevice(deviceCode, d -> t.decide(d, approval, null)).map(d -> d.asFoundByDeviceCode(deviceCode));
    }

    @Override
    public Optional<DeviceAuthorization> approveByUserCode(String userCode, Approval approval) {
        Objects.requireNonNull(approval, "approval");
        return byUser(userCode, d -> t.decide(d, approval, null)).map(d -> d.asFoundByUserCode(userCode));
    }

    @Override
    public Optional<DeviceAuthorization> deny(String deviceCode) {
        return byDevice(deviceCode, d -> t.decide(d, null, null)).map(d -> d.asFoundByDeviceCode(deviceCode));
    }

    @Override
    public Optional<DeviceAuthorization> denyByUserCode(String userCode) {
        return byUser(userCode, d -> t.decide(d, null, null)).map(d -> d.asFoundByUserCode(userCode));
    }

    @Override
    public Optional<PollResult> poll(String deviceCode) {
        return t.poll(records.now(), step -> byDevice(deviceCode, step));
    }

    @Override
    public Optional<DeviceAuthorization> consume(String deviceCode) {
        return byDevice(deviceCode, t.consume(d -> d.asFoundByDeviceCode(deviceCode)))
                .map(d -> d.asFoundByDeviceCode(deviceCode));
    }

    @Override
    public boolean revoke(String deviceCode) {
        return t.revoke(step -> byDevice(deviceCode, step));
    }

    @Override
    public OptionalInt strike(String userCode) {
        return count(byUser(userCode, d -> d.withCounters(d.strikes() + 1, d.pollViolations()))
                .map(DeviceAuthorization::strikes));
    }

    @Override
    public OptionalInt recordPollViolation(String deviceCode) {
        return count(byDevice(deviceCode, d -> d.withCounters(d.strikes(), d.pollViolations() + 1))
                .map(DeviceAuthorization::pollViolations));
    }

    private static OptionalInt count(Optional<Integer> n) {
        return n.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** Through the subject index: records approved for {@code subject}, in any state since. */
    @Override
    public int eraseSubject(String subject) {
        return subjects.erase(subject, records, MemoryDeviceAuthorizationStore::subjectOf);
    }

    /**
     * Applies {@code step} to the live record of {@code deviceCode} in its key's atomic section.
     * {@code step} returns the next record (the same one: no change) or throws (nothing changes).
     *
     * @return the record after the step, empty when absent or expired
     */
    private Optional<DeviceAuthorization> byDevice(String deviceCode, UnaryOperator<DeviceAuthorization> step) {
        if (!Arguments.isStorableId(Objects.requireNonNull(deviceCode, "deviceCode"))) {
            return Optional.empty();
        }
        Instant now = records.now();
        return ApprovalTransitions.firstFound(deviceKeys(deviceCode), (key, found) -> step(key, null, now, step, found));
    }

    /** As {@link #byDevice}, on the live record that holds {@code userCode} (through the index). */
    private Optional<DeviceAuthorization> byUser(String userCode, UnaryOperator<DeviceAuthorization> step) {
        Instant now = records.now();
        for (String userKey : userKeys(userCode)) {
            String deviceKey = userCodes.resolve(userKey, now);
            if (deviceKey != null) {
                return step(deviceKey, userKey, now, step, new boolean[1]);
            }
        }
        return Optional.empty();
    }

    /** One atomic section: a live record (holding {@code userKey}, when given) goes through {@code step}. */
    private Optional<DeviceAuthorization> step(String key, String userKey, Instant now,
            UnaryOperator<DeviceAuthorization> step, boolean[] found) {
        DeviceAuthorization[] after = new DeviceAuthorization[1];
        records.compute(key, (k, old) -> {
            if (old == null) {
                return null;
            }
            found[0] = true;
            if (!old.liveAt(now)) {
                return null; // expired: gone for every operation (the removal unindexes it)
            }
            if (userKey != null && !userKey.equals(old.value().userCode())) {
                found[0] = false;
                return old; // the index entry was stale: not this record
            }
            DeviceAuthorization next = step.apply(old.value());
            after[0] = next;
            if (next != old.value()) {
                subjects.moved(k, subjectOf(old.value()), subjectOf(next));
            }
            return next == old.value() ? old : new ExpiringMap.Entry<>(next, old.expiresAt());
        }, (k, stored) -> subjects.add(subjectOf(stored), k));
        return Optional.ofNullable(after[0]);
    }
}
