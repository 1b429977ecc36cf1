package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.Approval;
import org.oidcstore.store.ApprovalState;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.DeviceAuthorizationStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PollResult;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.ApprovalColumns;
import org.oidcstore.store.jpa.internal.row.DeviceAuthorizationRow;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

/**
 * Device authorizations on {@code oidc_device_authorization}, keyed by the device code's digest,
 * with the normalised user code's digest under a unique index. Every transition, poll and counter
 * is one conditional {@code UPDATE} ({@link PolledRequests}); a request is absent from
 * {@code expires_at} on, whatever its state, and the GC deletes it then.
 *
 * <p><b>Save.</b> In one transaction: delete an <em>expired</em> row holding either code (its
 * codes are free at once), then insert; the primary key and the unique index on the user code
 * refuse a live holder in the engine, so of concurrent saves of one code exactly one commits and
 * the others get {@code DuplicateRecordException}. During a pepper rotation a live holder under
 * an older pepper's digest is looked for first, by one more statement (writes always use the
 * newest digest, so the engine's indexes decide among concurrent saves).
 */
public final class JpaDeviceAuthorizationStore implements DeviceAuthorizationStore {
    private static final String NAME = "device-authorizations";
    private static final StoreKind KIND = StoreKind.DEVICE_AUTHORIZATIONS;
    private static final String TABLE = DeviceAuthorizationRow.TABLE;
    private static final String DEVICE = "device_code_digest";
    private static final String USER = "user_code_digest";
    /** What the GC deletes: requests past their expiry, in any state. */
    public static final Sweep SWEEP = Sweep.expiresAt(KIND, TABLE, DEVICE);

    private final TxRunner tx;
    private final StoreContext ctx;
    private final PolledRequests<DeviceAuthorizationRow> rows;
    private final String deleteExpired;
    /** A live holder of either code under an older pepper's digest ({@code null} with one pepper). */
    private final String olderLive;

    public JpaDeviceAuthorizationStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        int n = ctx.digestCount();
        this.rows = new PolledRequests<>(ctx.dialect(), TABLE, DeviceAuthorizationRow.COLUMNS, n,
                DeviceAuthorizationRow::read);
        this.deleteExpired = "DELETE FROM " + TABLE + " WHERE (" + Sql.digestIn(DEVICE, n) + " OR "
                + Sql.digestIn(USER, n) + ") AND expires_at <= ?";
        this.olderLive = n == 1 ? null : "SELECT " + DEVICE + " FROM " + TABLE + " WHERE (" + Sql.digestIn(DEVICE, n - 1)
                + " OR " + Sql.digestIn(USER, n - 1) + ") AND expires_at > ?";
    }

    /** How a caller named a request: the column, what was digested, and what its records carry. */
    private record Code(String column, String input, List<String> digests, String deviceCode, String userCode) {
        DeviceAuthorization record(DeviceAuthorizationRow row) {
            return row.toRecord(deviceCode, userCode);
        }
    }

    /** A device code, or {@code null} for one that could never have been stored (absent, no statement). */
    private Code device(String deviceCode) {
        Objects.requireNonNull(deviceCode, "deviceCode");
        return Arguments.isStorableId(deviceCode)
                ? new Code(DEVICE, deviceCode, ctx.digests(KIND, deviceCode), deviceCode, null) : null;
    }

    /** A user code, normalised, or {@code null} for one that could never have been stored. */
    private Code user(String userCode) {
        Objects.requireNonNull(userCode, "userCode");
        String input;
        try {
            input = DeviceAuthorization.userCodeDigestInput(userCode);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new Code(USER, input, ctx.digests(KIND, input), null, userCode);
    }

    private boolean matches(Code code, DeviceAuthorizationRow row) {
        return ctx.matches(KIND, code.input(), code.column().equals(DEVICE) ? row.deviceDigest() : row.userDigest());
    }

    @Override
    public void save(DeviceAuthorization a) {
        Objects.requireNonNull(a, "authorization");
        if (a.deviceCode() == null || a.userCode() == null || a.state() != ApprovalState.PENDING
                || a.approval() != null || a.lastPolledAt() != null || a.strikes() != 0 || a.pollViolations() != 0) {
            throw new IllegalArgumentException("a new device authorization is pending, carries both codes and has"
                    + " no approval, no poll and zero counters (DeviceAuthorization.pending)");
        }
        List<String> devices = ctx.digests(KIND, a.deviceCode());
        List<String> users = ctx.digests(KIND, DeviceAuthorization.userCodeDigestInput(a.userCode()));
        DeviceAuthorizationRow row = DeviceAuthorizationRow.of(a, devices.get(0), users.get(0));
        LocalDateTime now = ctx.dbNow();
        tx.sql(NAME, "save", c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteExpired)) {
                Sql.setTimestamp(ps, Sql.bindAll(ps, Sql.bindAll(ps, 1, devices), users), now);
                ps.executeUpdate();
            }
            if (olderLive != null && olderLiveHolder(c, devices, users, now)) {
                throw new DuplicateRecordException("jpa " + NAME + ".save: the device code or the user code is held"
                        + " by a live request");
            }
            return Sql.insert(c, DeviceAuthorizationRow.INSERT, row::bind);
        });
    }

    private boolean olderLiveHolder(Connection c, List<String> devices, List<String> users, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(olderLive)) {
            int next = Sql.bindAll(ps, Sql.bindAll(ps, 1, devices.subList(1, devices.size())),
                    users.subList(1, users.size()));
            Sql.setTimestamp(ps, next, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public Optional<DeviceAuthorization> find(String deviceCode) {
        return find("find", device(deviceCode));
    }

    @Override
    public Optional<DeviceAuthorization> findByUserCode(String userCode) {
        return find("findByUserCode", user(userCode));
    }

    private Optional<DeviceAuthorization> find(String operation, Code code) {
        if (code == null) {
            return Optional.empty(); // never stored, and its digest may be a look-alike's
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, operation, c -> Optional.ofNullable(rows.select(c, code.column(), code.digests(), false))
                .filter(r -> matches(code, r) && Expiry.isLive(r.expiresAt(), Times.instant(now)))
                .map(code::record));
    }

    @Override
    public Optional<DeviceAuthorization> approve(String deviceCode, Approval approval) {
        return approve("approve", device(deviceCode), approval);
    }

    @Override
    public Optional<DeviceAuthorization> approveByUserCode(String userCode, Approval approval) {
        return approve("approveByUserCode", user(userCode), approval);
    }

    private Optional<DeviceAuthorization> approve(String operation, Code code, Approval approval) {
        Objects.requireNonNull(approval, "approval");
        return change(operation, code, "state = 'APPROVED', " + ApprovalColumns.SET,
                (ps, from) -> ApprovalColumns.bind(ps, from, approval), "state = 'PENDING'", JpaDeviceAuthorizationStore::notPending);
    }

    @Override
    public Optional<DeviceAuthorization> deny(String deviceCode) {
        return change("deny", device(deviceCode), "state = 'DENIED'", PolledRequests.Binder.NONE, "state = 'PENDING'",
                JpaDeviceAuthorizationStore::notPending);
    }

    @Override
    public Optional<DeviceAuthorization> denyByUserCode(String userCode) {
        return change("denyByUserCode", user(userCode), "state = 'DENIED'", PolledRequests.Binder.NONE,
                "state = 'PENDING'", JpaDeviceAuthorizationStore::notPending);
    }

    private static RuntimeException notPending(DeviceAuthorizationRow row) {
        return new ConflictException("device authorization is " + row.state() + ", not PENDING; nothing changed");
    }

    /** One conditional transition, told apart by a locking read only when it matched nothing. */
    private Optional<DeviceAuthorization> change(String operation, Code code, String set,
            PolledRequests.Binder values, String condition, Function<DeviceAuthorizationRow, RuntimeException> lost) {
        if (code == null) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, operation, c -> PolledRequests.answer(rows.transition(c, code.column(), code.digests(),
                set, values, condition, PolledRequests.Binder.NONE, now), r -> matches(code, r), now, code::record,
                lost));
    }

    @Override
    public Optional<PollResult> poll(String deviceCode) {
        Code code = device(deviceCode);
        if (code == null) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "poll", c -> rows.poll(c, DEVICE, code.digests(), now));
    }

    @Override
    public Optional<DeviceAuthorization> consume(String deviceCode) {
        Code code = device(deviceCode);
        if (code == null) {
            return Optional.empty();
        }
        LocalDateTime now = ctx.dbNow();
        // lost to a transaction on another database node: a replay when the request is now consumed
        tx.claim(() -> tx.sql(NAME, "consume", c -> Optional.ofNullable(rows.select(c, DEVICE, code.digests(), false))
                .filter(r -> matches(code, r) && ApprovalState.CONSUMED.name().equals(r.state())
                        && Expiry.isLive(r.expiresAt(), Times.instant(now)))
                .map(r -> (RuntimeException) new AlreadyConsumedException("device code redeemed by a concurrent"
                        + " transaction (replay); revoke what was issued", code.record(r)))
                .orElse(null)));
        return change("consume", code, "state = 'CONSUMED'", PolledRequests.Binder.NONE, "state = 'APPROVED'",
                r -> ApprovalState.CONSUMED.name().equals(r.state())
                        ? new AlreadyConsumedException("device code already redeemed (replay); revoke what was issued",
                                code.record(r))
                        : new ConflictException("device authorization is " + r.state() + ", not APPROVED; nothing"
                                + " changed"));
    }

    @Override
    public boolean revoke(String deviceCode) {
        Code code = device(deviceCode);
        if (code == null) {
            return false;
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, "revoke", c -> rows.update(c, DEVICE, code.digests(), "state = 'DENIED'",
                "state IN ('PENDING', 'APPROVED')", now) > 0);
    }

    @Override
    public OptionalInt strike(String userCode) {
        return increment("strike", user(userCode), "strikes");
    }

    @Override
    public OptionalInt recordPollViolation(String deviceCode) {
        return increment("recordPollViolation", device(deviceCode), "poll_violations");
    }

    private OptionalInt increment(String operation, Code code, String counter) {
        if (code == null) {
            return OptionalInt.empty();
        }
        LocalDateTime now = ctx.dbNow();
        return tx.sql(NAME, operation, c -> rows.increment(c, code.column(), code.digests(), counter, now));
    }

    /**
     * Every request approved for the subject ({@code approval_subject}; pending and denied rows have
     * none), in any state: live rows counted, expired ones deleted too. The user-code digest is a
     * column of the row, so it goes with it.
     */
    @Override
    public int eraseSubject(String subject) {
        return SubjectRows.deleteCountingLive(tx, ctx, NAME, "eraseSubject", "oidc_device_authorization",
                "approval_subject", subject);
    }
}
