package org.oidcstore.store.jpa.internal.row;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_refresh_token}, keyed by the token's digest, with the digests of its parent
 * and of its chain's root: the hot statements of the kind run over plain JDBC (see
 * {@code TxRunner.sql}), and this is what they bind and read. Collection columns are the stored
 * JSON text, decoded by {@link #toRecord} and {@link #scopeSet}.
 */
public record RefreshTokenRow(String digest, String parentDigest, String rootDigest, String clientId,
        String subject, String grantId, String scopes, String resources, Instant authTime, String acr, String amr,
        String nonce, String sessionId, String dpopJkt, String certThumbprint, Instant expiresAt, Instant consumedAt,
        boolean revoked, Instant createdAt) implements TokenRow<RefreshToken> {

    /** Every column, in the order {@link #bind} binds and {@link #read} reads them. */
    public static final String COLUMNS = "token_digest, parent_digest, root_digest, client_id, subject, grant_id,"
            + " scopes, resources, auth_time, acr, amr, nonce, session_id, dpop_jkt, cert_thumbprint, expires_at,"
            + " consumed_at, revoked, created_at";
    public static final int COLUMN_COUNT = 19;

    public static RefreshTokenRow of(RefreshToken t, String digest, String parentDigest, String rootDigest) {
        return new RefreshTokenRow(digest, parentDigest, rootDigest, t.clientId(), t.subject(), t.grantId(),
                Json.array(t.scopes()), Json.array(t.resources()), t.authTime(), t.acr(), Json.array(t.amr()),
                t.nonce(), t.sessionId(), t.dpopJkt(), t.certThumbprint(), t.expiresAt(), t.consumedAt(), t.revoked(),
                t.createdAt());
    }

    /** Binds every column, in {@link #COLUMNS} order, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, digest);
        Sql.setString(ps, 2, parentDigest);
        ps.setString(3, rootDigest);
        ps.setString(4, clientId);
        ps.setString(5, subject);
        ps.setString(6, grantId);
        ps.setString(7, scopes);
        ps.setString(8, resources);
        Sql.setInstant(ps, 9, authTime);
        Sql.setString(ps, 10, acr);
        ps.setString(11, amr);
        Sql.setString(ps, 12, nonce);
        Sql.setString(ps, 13, sessionId);
        Sql.setString(ps, 14, dpopJkt);
        Sql.setString(ps, 15, certThumbprint);
        Sql.setInstant(ps, 16, expiresAt);
        Sql.setInstant(ps, 17, consumedAt);
        ps.setBoolean(18, revoked);
        Sql.setInstant(ps, 19, createdAt);
    }

    /** The row at the cursor of {@code rs}, selected as {@link #COLUMNS}. */
    public static RefreshTokenRow read(ResultSet rs) throws SQLException {
        return new RefreshTokenRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), Sql.getInstant(rs, 9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getString(15), Sql.getInstant(rs, 16), Sql.getInstant(rs, 17), rs.getBoolean(18),
                Sql.getInstant(rs, 19));
    }

    public boolean consumed() {
        return consumedAt != null;
    }

    /** This row redeemed at {@code at}. */
    public RefreshTokenRow redeemedAt(Instant at) {
        return new RefreshTokenRow(digest, parentDigest, rootDigest, clientId, subject, grantId, scopes, resources,
                authTime, acr, amr, nonce, sessionId, dpopJkt, certThumbprint, expiresAt, at, revoked, createdAt);
    }

    /** The decoded scopes. */
    public Set<String> scopeSet() {
        return CorruptRowException.decode("oidc_refresh_token", () -> Json.set(scopes));
    }

    @Override
    public RefreshToken toRecord(String presented) {
        return CorruptRowException.decode("oidc_refresh_token", () ->
                RefreshToken.builder().token(presented).clientId(clientId).subject(subject).grantId(grantId)
                    .scopes(Json.set(scopes)).resources(Json.list(resources)).authTime(authTime).acr(acr)
                    .amr(Json.list(amr)).nonce(nonce).sessionId(sessionId).dpopJkt(dpopJkt)
                    .certThumbprint(certThumbprint).expiresAt(expiresAt).consumedAt(consumedAt).revoked(revoked)
                    .createdAt(createdAt).build());
    }
}
