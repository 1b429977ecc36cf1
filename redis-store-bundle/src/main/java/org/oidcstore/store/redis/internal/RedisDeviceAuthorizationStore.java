package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.redis.RedisSettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.ValueSize;
import redis.clients.jedis.UnifiedJedis;

/**
 * Device authorizations: one hash {@code P dev:<dd>} per request ({@link ApprovalScripts}: every
 * transition, the poll and the counters are one script on that key) and one reservation
 * {@code P dev:uc:<ud>} per user code, a string {@code "<expiresAt> <dd>"} with the record's TTL.
 * The two keys live in different hash slots on a Cluster, so no script touches both:
 * <ul>
 *   <li><b>save</b> reserves the user code first ({@code device-reserve}: refused while a
 *       reservation that is not past its expiry holds it, so two saves of one live user code never
 *       both pass), then writes the record ({@code approval-save}: refused while a live record holds
 *       the device code), and releases its own reservation ({@code device-release}: deletes it only
 *       if it still holds this save's value) when the write is refused or fails. Three round trips
 *       when refused, two otherwise.</li>
 *   <li><b>by user code</b> (find, approve, deny, strike): read the reservation, then act on the
 *       record it names only if that record holds this user code's digest ({@code u}, checked inside
 *       the script that acts). A stale reservation (its record expired and the device code saved
 *       again with another user code) therefore finds nothing; it never reaches another record.</li>
 * </ul>
 * A save that dies between its steps leaves a reservation whose record was never written: it keeps
 * the user code taken until the record's {@code expiresAt} (the safe direction: never a duplicate).
 * An approval first adds the record's hint to the approving subject's index ({@link SubjectHints}:
 * one more round trip), which {@link #eraseSubject} walks.
 */
public final class RedisDeviceAuthorizationStore implements DeviceAuthorizationStore {
    static final String NAME = "device-authorizations";
    private static final StoreKind KIND = StoreKind.DEVICE_AUTHORIZATIONS;
    /** Body layout (clientId, scopes, parameters, createdAt) for {@link LuaChecks}; its scripts are {@link DeviceScripts}. */
    static final String LAYOUT = "Slmi";

    private final EngineHolder holder;
    private final Clock clock;
    private final ApprovalOps<DeviceAuthorization> ops;

    public RedisDeviceAuthorizationStore(EngineHolder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
        this.ops = new ApprovalOps<>(holder, clock, NAME, KIND, "device", LAYOUT, RedisDeviceAuthorizationStore::key,
                (v, digest) -> ApprovalRecords.device(v), DeviceAuthorization::isExpiredAt, "deviceCode",
                "device authorization", "device code");
    }

    /** {@code P dev:<dd>}: the record's hash. */
    static byte[] key(RedisKeys keys, String deviceDigest) {
        return keys.key(SEGMENT + deviceDigest);
    }

    /** The segment of the keys of this kind: records {@code dev:<dd>}, subject hints {@code dev:{u:<subject>}:h}. */
    private static final String SEGMENT = "dev:";

    /**
     * The approval: the hint of the record at {@code key} under the approving subject first (a crash
     * after it leaves only a stale hint), scored by the record's expiry ({@code expiresAt}: the user
     * code's reservation carries it; null: one HGET of {@code x} reads it), then {@code approval-decide}.
     */
    private Optional<DeviceAuthorization> approveAt(UnifiedJedis j, RedisEngine e, byte[] key, String userDigest,
            Approval approval, Instant expiresAt) {
        Instant now = clock.instant();
        Instant until = expiresAt;
        if (until == null) {
            byte[] x = j.hget(key, ApprovalScripts.FIELDS[ApprovalScripts.X]);
            if (x == null) { // absent (or damaged): the decision tells which, and writes nothing
                return ops.decide(j, e, key, userDigest, approval, "");
            }
            until = Micros.parse(x);
        }
        SubjectHints.Added added = !until.isAfter(now) ? null : SubjectHints.add(j, e.keys(), SEGMENT,
                approval.subject(), Values.utf8(key).substring(e.keys().prefix().length()), until, now);
        return SubjectHints.writeThen(j, added, () -> ops.decide(j, e, key, userDigest, approval, ""),
                Optional::isPresent); // a refused approval leaves nothing
    }

    /** The user code's digests, newest pepper first; empty for a code no save accepts. */
    private static List<String> userDigests(RedisEngine e, String userCode) {
        if (!Arguments.isStorableId(Objects.requireNonNull(userCode, "userCode"))) {
            return List.of();
        }
        try {
            return e.digest().digests(KIND, DeviceAuthorization.userCodeDigestInput(userCode));
        } catch (IllegalArgumentException noLetterOrDigit) {
            return List.of();
        }
    }

    @Override
    public void save(DeviceAuthorization a) {
        Objects.requireNonNull(a, "authorization");
        if (a.deviceCode() == null || a.userCode() == null || a.state() != ApprovalState.PENDING
                || a.approval() != null || a.lastPolledAt() != null || a.strikes() != 0 || a.pollViolations() != 0) {
            throw new IllegalArgumentException("save takes a new pending device authorization with both codes "
                    + "(DeviceAuthorization.pending)");
        }
        RedisEngine e = holder.get();
        ValueSize.check(ValueSize.of(a), e.maxValueBytes(), NAME, RedisSettings.MAX_VALUE_BYTES_KEY);
        List<String> users = e.digest().digests(KIND, DeviceAuthorization.userCodeDigestInput(a.userCode()));
        List<String> devices = e.digest().digests(KIND, a.deviceCode());
        Instant now = clock.instant();
        byte[] ttl = Values.ascii(Values.ttl(a.expiresAt(), now, Values.RECORD_TTL_FLOOR));
        byte[] reservation = Values.ascii(Micros.of(a.expiresAt()) + " " + devices.get(0));
        byte[] userKey = DeviceUserCodes.key(e.keys(), users.get(0));
        List<byte[]> args = new ArrayList<>(ApprovalScripts.args(now, "device", LAYOUT));
        args.add(ttl);
        args.addAll(List.of(Values.ascii("x"), Micros.bytes(a.expiresAt()), Values.ascii("s"), Values.ascii("P"),
                Values.ascii("i"), Values.ascii(a.interval().toSeconds()), Values.ascii("d"), body(a),
                Values.ascii("u"), Values.ascii(users.get(0)), Values.ascii("k"), Values.ascii(0),
                Values.ascii("v"), Values.ascii(0)));
        long saved = e.call(NAME, "save", j -> {
            for (String older : users.subList(1, users.size())) {
                if (DeviceUserCodes.resolve(j, e, older, now, RedisDeviceAuthorizationStore::key) != null) {
                    return -1L; // a live record holds it under an older pepper
                }
            }
            if (Values.num(RedisEngine.eval(j, DeviceUserCodes.RESERVE, List.of(userKey),
                    List.of(Micros.bytes(now), reservation, ttl))) == 0) {
                return -1L;
            }
            boolean written = false;
            try {
                for (String older : devices.subList(1, devices.size())) {
                    if (ApprovalOps.live(j, key(e.keys(), older), now)) {
                        return 0L;
                    }
                }
                long r = Values.num(RedisEngine.eval(j, ApprovalScripts.SAVE, List.of(key(e.keys(), devices.get(0))),
                        args));
                written = r == 1;
                return r;
            } finally {
                if (!written) {
                    DeviceUserCodes.release(j, userKey, reservation);
                }
            }
        });
        if (saved == -1) {
            throw new DuplicateRecordException("a live device authorization holds this user code");
        }
        if (saved == 0) {
            throw new DuplicateRecordException("a device authorization with this device code exists");
        }
    }

    @Override
    public Optional<DeviceAuthorization> find(String deviceCode) {
        return ops.find(deviceCode, a -> a.asFoundByDeviceCode(deviceCode));
    }

    @Override
    public Optional<DeviceAuthorization> findByUserCode(String userCode) {
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        List<String> digests = userDigests(e, userCode);
        return e.call(NAME, "findByUserCode", j -> {
            for (String d : digests) {
                DeviceUserCodes.Found f = DeviceUserCodes.resolve(j, e, d, now, RedisDeviceAuthorizationStore::key);
                if (f != null) {
                    return Optional.of(ApprovalRecords.device(f.fields()).asFoundByUserCode(userCode));
                }
            }
            return Optional.<DeviceAuthorization>empty();
        });
    }

    @Override
    public Optional<DeviceAuthorization> approve(String deviceCode, Approval approval) {
        Objects.requireNonNull(approval, "approval");
        return ops.byId(deviceCode, "approve", (j, e, key) -> approveAt(j, e, key, "", approval, null))
                .map(a -> a.asFoundByDeviceCode(deviceCode));
    }

    @Override
    public Optional<DeviceAuthorization> approveByUserCode(String userCode, Approval approval) {
        Objects.requireNonNull(approval, "approval");
        return byUser(userCode, "approveByUserCode", (j, e, f) -> approveAt(j, e, f.key(), f.userDigest(), approval, f.expiresAt()))
                .map(a -> a.asFoundByUserCode(userCode));
    }

    @Override
    public Optional<DeviceAuthorization> deny(String deviceCode) {
        return ops.byId(deviceCode, "deny", (j, e, key) -> ops.decide(j, e, key, "", null, ""))
                .map(a -> a.asFoundByDeviceCode(deviceCode));
    }

    @Override
    public Optional<DeviceAuthorization> denyByUserCode(String userCode) {
        return byUser(userCode, "denyByUserCode", (j, e, f) -> ops.decide(j, e, f.key(), f.userDigest(), null, ""))
                .map(a -> a.asFoundByUserCode(userCode));
    }

    @Override
    public Optional<PollResult> poll(String deviceCode) {
        return ops.poll(deviceCode);
    }

    @Override
    public Optional<DeviceAuthorization> consume(String deviceCode) {
        return ops.consume(deviceCode, a -> a.asFoundByDeviceCode(deviceCode));
    }

    @Override
    public boolean revoke(String deviceCode) {
        return ops.revoke(deviceCode);
    }

    @Override
    public OptionalInt strike(String userCode) {
        return toInt(byUser(userCode, "strike", (j, e, f) -> count(j, f.key(), f.userDigest(), "k")));
    }

    @Override
    public OptionalInt recordPollViolation(String deviceCode) {
        return toInt(ops.byId(deviceCode, "recordPollViolation", (j, e, key) -> count(j, key, "", "v")));
    }

    /** Through the subject's hints: each hinted record is deleted only if its approval names the subject. */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (!Arguments.isStorableId(subject)) {
            return 0;
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        return e.call(NAME, "eraseSubject", j -> SubjectHints.erase(j, e.keys(), SEGMENT, subject, "a", now));
    }

    private Optional<Integer> count(UnifiedJedis j, byte[] key, String userDigest, String field) {
        List<byte[]> args = new ArrayList<>(ops.args());
        args.add(Values.utf8(userDigest));
        args.add(Values.ascii(field));
        List<?> r = (List<?>) RedisEngine.eval(j, DeviceScripts.COUNT, List.of(key), args);
        return Values.num(r.get(0)) == 0 ? Optional.empty() : Optional.of(Math.toIntExact(Values.num(r.get(1))));
    }

    private static OptionalInt toInt(Optional<Integer> n) {
        return n.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** A live reservation: the record's key, the user-code digest it holds, the record's expiry. */
    private record Reserved(byte[] key, String userDigest, Instant expiresAt) {
    }

    private interface OnFound<T> {
        Optional<T> apply(UnifiedJedis j, RedisEngine e, Reserved found);
    }

    /**
     * Runs {@code op} (one script, which finds nothing unless the record is live and holds this user
     * code) on the record the user code's reservation names: two round trips. While peppers are
     * rotated, the older digests' reservations are tried while it finds nothing.
     */
    private <T> Optional<T> byUser(String userCode, String opName, OnFound<T> op) {
        RedisEngine e = holder.get();
        List<String> digests = userDigests(e, userCode);
        Instant now = clock.instant();
        return e.call(NAME, opName, j -> {
            for (String d : digests) {
                DeviceUserCodes.Reserved r = DeviceUserCodes.reservation(j, e, d, now, RedisDeviceAuthorizationStore::key);
                Optional<T> out = r == null ? Optional.empty() : op.apply(j, e, new Reserved(r.key(), d, r.expiresAt()));
                if (out.isPresent()) {
                    return out;
                }
            }
            return Optional.<T>empty();
        });
    }

    /** Device body: clientId, scopes, parameters, createdAt; never a code (only their digests are keys). */
    static byte[] body(DeviceAuthorization a) {
        return new RecordCodec.Writer(RecordCodec.FORMAT_1).string(a.clientId()).strings(a.scopes())
                .multiMap(a.parameters()).instant(a.createdAt()).bytes();
    }
}
