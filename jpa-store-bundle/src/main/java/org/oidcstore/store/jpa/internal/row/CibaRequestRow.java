package org.oidcstore.store.jpa.internal.row;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_ciba_request}, keyed by the {@code auth_req_id}'s digest, as plain JDBC
 * binds and reads it. The client notification token is held sealed ({@code SecretDigest.seal});
 * {@link #toRecord} opens it with the function the store passes.
 */
public record CibaRequestRow(String digest, String clientId, String subject, String scopes, String acrValues,
        String bindingMessage, String mode, String sealedToken, Instant createdAt, Instant expiresAt,
        int intervalSeconds, String state, String approvalSubject, String approvalAcr, String approvalAmr,
        Instant approvalAuthTime, Instant lastPolledAt, boolean lastPollSlowDown) implements PolledRow {

    public static final String TABLE = "oidc_ciba_request";
    /** Every column, in the order {@link #bind} binds and {@link #read} reads them. */
    public static final String COLUMNS = "auth_req_id_digest, client_id, subject, scopes, acr_values, binding_message,"
            + " delivery_mode, notification_token_sealed, created_at, expires_at, interval_seconds, state, "
            + ApprovalColumns.COLUMNS + ", last_polled_at, last_poll_slow_down";
    public static final int COLUMN_COUNT = 18;
    public static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES ("
            + Sql.marks(COLUMN_COUNT) + ")";

    /** The row of a new request, its notification token (if any) already sealed. */
    public static CibaRequestRow of(CibaRequest r, String digest, String sealedToken) {
        return new CibaRequestRow(digest, r.clientId(), r.subject(), Json.array(r.scopes()),
                Json.array(r.acrValues()), r.bindingMessage(), r.mode().name(), sealedToken, r.createdAt(),
                r.expiresAt(), (int) r.interval().getSeconds(), r.state().name(), null, null, null, null,
                r.lastPolledAt(), false);
    }

    /** Binds every column, in {@link #COLUMNS} order, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, digest);
        ps.setString(2, clientId);
        ps.setString(3, subject);
        ps.setString(4, scopes);
        ps.setString(5, acrValues);
        Sql.setString(ps, 6, bindingMessage);
        ps.setString(7, mode);
        Sql.setString(ps, 8, sealedToken);
        Sql.setInstant(ps, 9, createdAt);
        Sql.setInstant(ps, 10, expiresAt);
        ps.setInt(11, intervalSeconds);
        ps.setString(12, state);
        Sql.setString(ps, 13, approvalSubject);
        Sql.setString(ps, 14, approvalAcr);
        Sql.setString(ps, 15, approvalAmr);
        Sql.setInstant(ps, 16, approvalAuthTime);
        Sql.setInstant(ps, 17, lastPolledAt);
        ps.setBoolean(18, lastPollSlowDown);
    }

    /** The row at the cursor of {@code rs}, selected as {@link #COLUMNS}. */
    public static CibaRequestRow read(ResultSet rs) throws SQLException {
        return new CibaRequestRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), Sql.getInstant(rs, 9),
                Sql.getInstant(rs, 10), rs.getInt(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getString(15), Sql.getInstant(rs, 16), Sql.getInstant(rs, 17), rs.getBoolean(18));
    }

    /**
     * The record as returned to a caller who presented {@code authReqId}, the notification token
     * opened by {@code unseal} (which throws when no configured pepper opens it: the row is then
     * unusable, like any damaged row).
     */
    public CibaRequest toRecord(String authReqId, UnaryOperator<String> unseal) {
        return CorruptRowException.decode(TABLE, () -> new CibaRequest(authReqId, clientId, subject,
                Json.set(scopes), Json.list(acrValues), bindingMessage, ApprovalColumns.mode(mode),
                sealedToken == null ? null : unseal.apply(sealedToken), createdAt, expiresAt,
                Duration.ofSeconds(intervalSeconds), ApprovalColumns.state(state),
                ApprovalColumns.approval(approvalSubject, approvalAcr, approvalAmr, approvalAuthTime), lastPolledAt));
    }
}
