package org.oidcstore.store.jpa.internal.row;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * A row of {@code oidc_authorization_code}, keyed by the code's digest: every statement of the
 * kind runs over plain JDBC (see {@code TxRunner.sql}), and this is what they bind and read.
 * Collection columns are the stored JSON text, decoded by {@link #toRecord}.
 */
public record AuthorizationCodeRow(String digest, String clientId, String subject, String grantId,
        String redirectUri, String scopes, String resources, String codeChallenge, String codeChallengeMethod,
        String nonce, String dpopJkt, String sessionId, Instant authTime, String acr, String amr, Instant expiresAt,
        Instant consumedAt, Instant createdAt) implements TokenRow<AuthorizationCode> {

    /** Every column, in the order {@link #bind} binds and {@link #read} reads them. */
    public static final String COLUMNS = "code_digest, client_id, subject, grant_id, redirect_uri, scopes, resources,"
            + " code_challenge, code_challenge_method, nonce, dpop_jkt, session_id, auth_time, acr, amr, expires_at,"
            + " consumed_at, created_at";
    public static final int COLUMN_COUNT = 18;

    public static AuthorizationCodeRow of(AuthorizationCode c, String digest) {
        return new AuthorizationCodeRow(digest, c.clientId(), c.subject(), c.grantId(), c.redirectUri(),
                Json.array(c.scopes()), Json.array(c.resources()), c.codeChallenge(), c.codeChallengeMethod(),
                c.nonce(), c.dpopJkt(), c.sessionId(), c.authTime(), c.acr(), Json.array(c.amr()), c.expiresAt(),
                c.consumedAt(), c.createdAt());
    }

    /** Binds every column, in {@link #COLUMNS} order, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, digest);
        ps.setString(2, clientId);
        ps.setString(3, subject);
        ps.setString(4, grantId);
        Sql.setString(ps, 5, redirectUri);
        ps.setString(6, scopes);
        ps.setString(7, resources);
        Sql.setString(ps, 8, codeChallenge);
        Sql.setString(ps, 9, codeChallengeMethod);
        Sql.setString(ps, 10, nonce);
        Sql.setString(ps, 11, dpopJkt);
        Sql.setString(ps, 12, sessionId);
        Sql.setInstant(ps, 13, authTime);
        Sql.setString(ps, 14, acr);
        ps.setString(15, amr);
        Sql.setInstant(ps, 16, expiresAt);
        Sql.setInstant(ps, 17, consumedAt);
        Sql.setInstant(ps, 18, createdAt);
    }

    /** The row at the cursor of {@code rs}, selected as {@link #COLUMNS}. */
    public static AuthorizationCodeRow read(ResultSet rs) throws SQLException {
        return new AuthorizationCodeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), Sql.getInstant(rs, 13), rs.getString(14), rs.getString(15),
                Sql.getInstant(rs, 16), Sql.getInstant(rs, 17), Sql.getInstant(rs, 18));
    }

    public boolean consumed() {
        return consumedAt != null;
    }

    /** This row redeemed at {@code at}. */
    public AuthorizationCodeRow redeemedAt(Instant at) {
        return new AuthorizationCodeRow(digest, clientId, subject, grantId, redirectUri, scopes, resources,
                codeChallenge, codeChallengeMethod, nonce, dpopJkt, sessionId, authTime, acr, amr, expiresAt, at,
                createdAt);
    }

    @Override
    public AuthorizationCode toRecord(String presented) {
        return CorruptRowException.decode("oidc_authorization_code", () ->
                AuthorizationCode.builder().code(presented).clientId(clientId).subject(subject).grantId(grantId)
                    .redirectUri(redirectUri).scopes(Json.set(scopes)).resources(Json.list(resources))
                    .codeChallenge(codeChallenge).codeChallengeMethod(codeChallengeMethod).nonce(nonce).dpopJkt(dpopJkt)
                    .sessionId(sessionId).authTime(authTime).acr(acr).amr(Json.list(amr)).expiresAt(expiresAt)
                    .consumedAt(consumedAt).createdAt(createdAt).build());
    }
}
