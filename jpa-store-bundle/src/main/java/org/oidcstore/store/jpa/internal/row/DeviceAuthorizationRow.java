package org.oidcstore.store.jpa.internal.row;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_device_authorization}, keyed by the device code's digest and unique by the
 * user code's digest: every statement of the kind is plain JDBC, and this is what they bind and
 * read. The approval is four columns ({@link ApprovalColumns}); collection columns are JSON text.
 */
public record DeviceAuthorizationRow(String deviceDigest, String userDigest, String clientId, String scopes,
        String parameters, Instant createdAt, Instant expiresAt, int intervalSeconds, String state,
        String approvalSubject, String approvalAcr, String approvalAmr, Instant approvalAuthTime,
        Instant lastPolledAt, boolean lastPollSlowDown, int strikes, int pollViolations) implements PolledRow {

    public static final String TABLE = "oidc_device_authorization";
    /** Every column, in the order {@link #bind} binds and {@link #read} reads them. */
    public static final String COLUMNS = "device_code_digest, user_code_digest, client_id, scopes, parameters,"
            + " created_at, expires_at, interval_seconds, state, " + ApprovalColumns.COLUMNS
            + ", last_polled_at, last_poll_slow_down, strikes, poll_violations";
    public static final int COLUMN_COUNT = 17;
    public static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES ("
            + Sql.marks(COLUMN_COUNT) + ")";

    /** The row of a new request (pending, no approval, no poll, zero counters). */
    public static DeviceAuthorizationRow of(DeviceAuthorization a, String deviceDigest, String userDigest) {
        return new DeviceAuthorizationRow(deviceDigest, userDigest, a.clientId(), Json.array(a.scopes()),
                Json.objectOfArrays(a.parameters()), a.createdAt(), a.expiresAt(), (int) a.interval().getSeconds(),
                a.state().name(), null, null, null, null, a.lastPolledAt(), false, a.strikes(), a.pollViolations());
    }

    /** Binds every column, in {@link #COLUMNS} order, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, deviceDigest);
        ps.setString(2, userDigest);
        ps.setString(3, clientId);
        ps.setString(4, scopes);
        ps.setString(5, parameters);
        Sql.setInstant(ps, 6, createdAt);
        Sql.setInstant(ps, 7, expiresAt);
        ps.setInt(8, intervalSeconds);
        ps.setString(9, state);
        Sql.setString(ps, 10, approvalSubject);
        Sql.setString(ps, 11, approvalAcr);
        Sql.setString(ps, 12, approvalAmr);
        Sql.setInstant(ps, 13, approvalAuthTime);
        Sql.setInstant(ps, 14, lastPolledAt);
        ps.setBoolean(15, lastPollSlowDown);
        ps.setInt(16, strikes);
        ps.setInt(17, pollViolations);
    }

    /** The row at the cursor of {@code rs}, selected as {@link #COLUMNS}. */
    public static DeviceAuthorizationRow read(ResultSet rs) throws SQLException {
        return new DeviceAuthorizationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), Sql.getInstant(rs, 6), Sql.getInstant(rs, 7), rs.getInt(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), Sql.getInstant(rs, 13), Sql.getInstant(rs, 14),
                rs.getBoolean(15), rs.getInt(16), rs.getInt(17));
    }

    /**
     * The record as returned to a caller who presented one of the codes: {@code deviceCode} or
     * {@code userCode}, the other {@code null} (a record found by user code never carries the
     * device code).
     */
    public DeviceAuthorization toRecord(String deviceCode, String userCode) {
        return CorruptRowException.decode(TABLE, () -> new DeviceAuthorization(deviceCode, userCode, clientId,
                Json.set(scopes), Json.mapOfLists(parameters), createdAt, expiresAt,
                Duration.ofSeconds(intervalSeconds), ApprovalColumns.state(state),
                ApprovalColumns.approval(approvalSubject, approvalAcr, approvalAmr, approvalAuthTime), lastPolledAt,
                strikes, pollViolations));
    }
}
