package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.ValueSize;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/**
 * Device authorizations keyed by the digest of their device code, plus an index from the digest of
 * the normalised user code ({@link DeviceAuthorization#userCodeDigestInput}) to that key. The
 * stored record carries neither code; an index entry whose request expired no longer holds the
 * user code, and the next save of that code replaces it. Every operation, lookup and change runs
 * as one step under the engine's lock.
 */
final class ReferenceDeviceAuthorizationStore implements DeviceAuthorizationStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.DEVICE_AUTHORIZATIONS;
    /** A stored request (both codes dropped: its {@code deviceCode} is the key) and its user-code key. */
    record Device(DeviceAuthorization request, String userCodeKey) {
        Device with(DeviceAuthorization changed) {
            return new Device(changed, userCodeKey);
        }
    }

    private static final Table<Device> DEVICES = new Table<>(KIND.configName());
    private static final Table<String> USER_CODES = new Table<>(KIND.configName() + ".user-codes");

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceDeviceAuthorizationStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(DeviceAuthorization authorization) {
        Objects.requireNonNull(authorization, "authorization");
        DeviceAuthorization d = authorization;
        if (d.deviceCode() == null || d.userCode() == null || d.state() != ApprovalState.PENDING
                || d.approval() != null || d.lastPolledAt() != null || d.strikes() != 0 || d.pollViolations() != 0) {
            throw new IllegalArgumentException("a new device authorization is pending, carries both codes, and has no "
                    + "approval, poll, strike or poll violation; nothing was written");
        }
        parts.checkSize(ValueSize.of(d), KIND);
        data.run(() -> {
            Map<String, Device> rows = data.rows(DEVICES);
            Map<String, String> userCodes = data.rows(USER_CODES);
            Instant now = parts.now();
            String oldKey = parts.keyOf(rows, KIND, d.deviceCode());
            if (oldKey != null && !rows.get(oldKey).request().isExpiredAt(now)) {
                throw new DuplicateRecordException("a device authorization with this device code exists");
            }
            String oldUserKey = userCodeKey(userCodes, d.userCode());
            if (oldUserKey != null && live(rows.get(userCodes.get(oldUserKey)), now)) {
                throw new DuplicateRecordException("a live device authorization holds this user code");
            }
            if (oldKey != null) {
                remove(oldKey); // expired: its codes are free at once
            }
            if (oldUserKey != null) {
                userCodes.remove(oldUserKey);
            }
            String key = parts.digest().digest(KIND, d.deviceCode());
            String userKey = parts.digest().digest(KIND, DeviceAuthorization.userCodeDigestInput(d.userCode()));
            rows.put(key, new Device(d.asFoundByDeviceCode(key), userKey));
            userCodes.put(userKey, key);
        });
    }

    @Override
    public Optional<DeviceAuthorization> find(String deviceCode) {
        Objects.requireNonNull(deviceCode, "deviceCode");
        return data.call(() -> byDeviceCode(deviceCode).map(k -> data.rows(DEVICES).get(k).request()
                .asFoundByDeviceCode(deviceCode)));
    }

    @Override
    public Optional<DeviceAuthorization> findByUserCode(String userCode) {
        Objects.requireNonNull(userCode, "userCode");
        return data.call(() -> byUserCode(userCode).map(k -> data.rows(DEVICES).get(k).request()
                .asFoundByUserCode(userCode)));
    }

    @Override
    public Optional<DeviceAuthorization> approve(String deviceCode, Approval approval) {
        Objects.requireNonNull(deviceCode, "deviceCode");
        Objects.requireNonNull(approval, "approval");
        return data.call(() -> decide(byDeviceCode(deviceCode), ApprovalState.APPROVED, approval)
                .map(d -> d.asFoundByDeviceCode(deviceCode)));
    }

    @Override
    public Optional<DeviceAuthorization> approveByUserCode(String userCode, Approval approval) {
        Objects.requireNonNull(userCode, "userCode");
        Objects.requireNonNull(approval, "approval");
        return data.call(() -> decide(byUserCode(userCode), ApprovalState.APPROVED, approval)
                .map(d -> d.asFoundByUserCode(userCode)));
    }

    @Override
    public Optional<DeviceAuthorization> deny(String deviceCode) {
        Objects.requireNonNull(deviceCode, "deviceCode");
        return data.call(() -> decide(byDeviceCode(deviceCode), ApprovalState.DENIED, null)
                .map(d -> d.asFoundByDeviceCode(deviceCode)));
    }

    @Override
    public Optional<DeviceAuthorization> denyByUserCode(String userCode) {
        Objects.requireNonNull(userCode, "userCode");
        return data.call(() -> decide(byUserCode(userCode), ApprovalState.DENIED, null)
                .map(d -> d.asFoundByUserCode(userCode)));
    }

    /** The user's decision on the live request under {@code key}: pending only. */
    private Optional<DeviceAuthorization> decide(Optional<String> key, ApprovalState to, Approval approval) {
        return key.map(k -> change(k, d -> {
            if (d.state() != ApprovalState.PENDING) {
                throw new ConflictException("the device authorization is " + d.state() + ", not pending; nothing changed");
            }
            return d.withState(to, approval);
        }));
    }

    @Override
    public Optional<PollResult> poll(String deviceCode) {
        Objects.requireNonNull(deviceCode, "deviceCode");
        return data.call(() -> byDeviceCode(deviceCode).map(k -> {
            Instant now = parts.now();
            boolean[] early = new boolean[1];
            DeviceAuthorization d = change(k, s -> {
                early[0] = s.lastPolledAt() != null && now.isBefore(s.lastPolledAt().plus(s.interval()));
                return s.withPoll(now, early[0] ? PollResult.grown(s.interval()) : s.interval());
            });
            return new PollResult(d.state(), early[0], d.interval());
        }));
    }

    @Override
    public Optional<DeviceAuthorization> consume(String deviceCode) {
        Objects.requireNonNull(deviceCode, "deviceCode");
        return data.call(() -> byDeviceCode(deviceCode).map(k -> change(k, d -> switch (d.state()) {
            case APPROVED -> d.withState(ApprovalState.CONSUMED, d.approval());
            case CONSUMED -> throw new AlreadyConsumedException("device code already redeemed (replay); revoke what "
                    + "was issued", d.asFoundByDeviceCode(deviceCode));
            default -> throw new ConflictException("the device authorization is " + d.state()
                    + ", not approved; nothing changed");
        }).asFoundByDeviceCode(deviceCode)));
    }

    @Override
    public boolean revoke(String deviceCode) {
        Objects.requireNonNull(deviceCode, "deviceCode");
        return data.call(() -> byDeviceCode(deviceCode).filter(k -> {
            DeviceAuthorization d = data.rows(DEVICES).get(k).request();
            if (d.state() != ApprovalState.PENDING && d.state() != ApprovalState.APPROVED) {
                return false;
            }
            change(k, s -> s.withState(ApprovalState.DENIED, s.approval()));
            return true;
        }).isPresent());
    }

    @Override
    public OptionalInt strike(String userCode) {
        Objects.requireNonNull(userCode, "userCode");
        return data.call(() -> byUserCode(userCode).map(k -> OptionalInt.of(change(k,
                d -> d.withCounters(d.strikes() + 1, d.pollViolations())).strikes())).orElse(OptionalInt.empty()));
    }

    @Override
    public OptionalInt recordPollViolation(String deviceCode) {
        Objects.requireNonNull(deviceCode, "deviceCode");
        return data.call(() -> byDeviceCode(deviceCode).map(k -> OptionalInt.of(change(k,
                d -> d.withCounters(d.strikes(), d.pollViolations() + 1)).pollViolations())).orElse(OptionalInt.empty()));
    }

    /** Replaces the stored request under {@code key} by {@code how} of it (which may throw, changing nothing). */
    private DeviceAuthorization change(String key, UnaryOperator<DeviceAuthorization> how) {
        Map<String, Device> rows = data.rows(DEVICES);
        Device row = rows.get(key);
        DeviceAuthorization changed = how.apply(row.request());
        rows.put(key, row.with(changed));
        return changed;
    }

    /** The key of the live request presented by its device code. */
    private Optional<String> byDeviceCode(String deviceCode) {
        Map<String, Device> rows = data.rows(DEVICES);
        String key = parts.keyOf(rows, KIND, deviceCode);
        return Optional.ofNullable(key).filter(k -> live(rows.get(k), parts.now()));
    }

    /** The key of the live request presented by its user code, in any form. */
    private Optional<String> byUserCode(String userCode) {
        Map<String, String> userCodes = data.rows(USER_CODES);
        String userKey = userCodeKey(userCodes, userCode);
        if (userKey == null) {
            return Optional.empty();
        }
        String key = userCodes.get(userKey);
        Device row = data.rows(DEVICES).get(key);
        return live(row, parts.now()) && userKey.equals(row.userCodeKey()) ? Optional.of(key) : Optional.empty();
    }

    /** The index key under which {@code userCode} is held, or {@code null}; an unstorable or empty code has none. */
    private String userCodeKey(Map<String, String> userCodes, String userCode) {
        if (!Arguments.isStorableId(userCode)) {
            return null;
        }
        String input;
        try {
            input = DeviceAuthorization.userCodeDigestInput(userCode);
        } catch (IllegalArgumentException e) {
            return null; // no letter or digit: no such code
        }
        for (String d : parts.digest().digests(KIND, input)) {
            if (userCodes.containsKey(d)) {
                return d;
            }
        }
        return null;
    }

    private static boolean live(Device row, Instant now) {
        return row != null && !row.request().isExpiredAt(now);
    }

    private void remove(String key) {
        Device row = data.rows(DEVICES).remove(key);
        Map<String, String> userCodes = data.rows(USER_CODES);
        if (row != null && key.equals(userCodes.get(row.userCodeKey()))) {
            userCodes.remove(row.userCodeKey());
        }
    }

    @Override
    public void reclaim(Instant now) {
        data.rows(DEVICES).entrySet().stream().filter(e -> e.getValue().request().isExpiredAt(now))
                .map(Map.Entry::getKey).toList().forEach(this::remove);
    }

    /**
     * Every request approved for the subject (pending and denied ones carry no approval), in any
     * state, expired ones included, with its user-code entry; the unexpired ones counted.
     */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.call(() -> {
            Instant now = parts.now();
            List<String> keys = data.rows(DEVICES).entrySet().stream()
                    .filter(e -> e.getValue().request().approval() != null
                            && subject.equals(e.getValue().request().approval().subject()))
                    .map(Map.Entry::getKey).toList();
            int live = 0;
            for (String key : keys) {
                live += live(data.rows(DEVICES).get(key), now) ? 1 : 0;
                remove(key);
            }
            return live;
        });
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(DEVICES).size());
    }
}
