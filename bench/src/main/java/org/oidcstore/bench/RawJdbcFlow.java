package org.oidcstore.bench;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SecretDigest;

/**
 * The practical limit: the minimal statements the flow needs, on our own tables, by hand, in JDBC
 * local transactions on a plain pool (no XA, no JTA, no ORM). Bearer values are digested as ours
 * are (the columns hold digests), so the statements are the same rows with the same keys.
 * <ul>
 *   <li>issue: INSERT grant; INSERT code; COMMIT</li>
 *   <li>redeem: conditional UPDATE of the code (single use decided by the engine); INSERT refresh; COMMIT</li>
 *   <li>rotate: SELECT … FOR UPDATE parent; conditional UPDATE parent; INSERT child; COMMIT</li>
 * </ul>
 * It does not read the consumed code back (ours returns the consumed record, which costs a
 * SELECT): the baseline is, if anything, optimistic.
 */
final class RawJdbcFlow implements Flow {
    private static final String SCOPES_JSON = "[\"email\",\"offline_access\",\"openid\",\"profile\"]";
    private static final String AMR_JSON = "[\"pwd\",\"otp\"]";
    private static final SecretDigest DIGEST = SecretDigest.unpeppered();

    private final AgroalDataSource pool;

    RawJdbcFlow(AgroalDataSource pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "raw JDBC";
    }

    @Override
    public void close() {
        pool.close();
    }

    private static LocalDateTime db(Instant i) {
        return LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    @Override
    public void run(Load.Ctx c) throws SQLException {
        Instant now = Instant.now();
        LocalDateTime n = db(now);
        String subject = "user-" + c.thread + "-" + c.seq;
        String grantId = "g-" + Tokens.random();
        String code = DIGEST.digest(StoreKind.AUTHORIZATION_CODES, Tokens.random());
        String rt1 = DIGEST.digest(StoreKind.REFRESH_TOKENS, Tokens.random());
        String rt2 = DIGEST.digest(StoreKind.REFRESH_TOKENS, Tokens.random());
        LocalDateTime rtExp = db(now.plus(Duration.ofDays(30)));
        long t = System.nanoTime();
        try (Connection con = pool.getConnection()) {
            try (PreparedStatement g = con.prepareStatement("INSERT INTO oidc_grant (grant_id, subject, client_id,"
                    + " scopes, resources, created_at, updated_at, expires_at, version) VALUES (?,?,?,?,?,?,?,NULL,1)")) {
                g.setString(1, grantId);
                g.setString(2, subject);
                g.setString(3, CLIENT);
                g.setString(4, SCOPES_JSON);
                g.setString(5, "[]");
                g.setObject(6, n);
                g.setObject(7, n);
                g.executeUpdate();
            }
            try (PreparedStatement a = con.prepareStatement("INSERT INTO oidc_authorization_code (code_digest,"
                    + " client_id, subject, grant_id, redirect_uri, scopes, resources, code_challenge,"
                    + " code_challenge_method, nonce, dpop_jkt, session_id, auth_time, acr, amr, expires_at,"
                    + " consumed_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,NULL,?,?,?,?,?,NULL,?)")) {
                a.setString(1, code);
                a.setString(2, CLIENT);
                a.setString(3, subject);
                a.setString(4, grantId);
                a.setString(5, REDIRECT);
                a.setString(6, SCOPES_JSON);
                a.setString(7, "[]");
                a.setString(8, CHALLENGE);
                a.setString(9, "S256");
                a.setString(10, NONCE);
                a.setString(11, "sid-" + c.thread);
                a.setObject(12, n);
                a.setString(13, ACR);
                a.setString(14, AMR_JSON);
                a.setObject(15, db(now.plusSeconds(60)));
                a.setObject(16, n);
                a.executeUpdate();
            }
            con.commit();
        }
        t = c.step(0, t);
        try (Connection con = pool.getConnection()) {
            try (PreparedStatement u = con.prepareStatement("UPDATE oidc_authorization_code SET consumed_at = ?"
                    + " WHERE code_digest = ? AND consumed_at IS NULL AND expires_at > ?")) {
                u.setObject(1, n);
                u.setString(2, code);
                u.setObject(3, n);
                if (u.executeUpdate() != 1) {
                    throw new IllegalStateException("code not redeemable");
                }
            }
            insertRefresh(con, rt1, null, rt1, grantId, subject, n, rtExp, c.thread);
            con.commit();
        }
        t = c.step(1, t);
        try (Connection con = pool.getConnection()) {
            String root;
            try (PreparedStatement s = con.prepareStatement("SELECT root_digest, revoked, expires_at FROM"
                    + " oidc_refresh_token WHERE token_digest = ? FOR UPDATE")) {
                s.setString(1, rt1);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(2)) {
                        throw new IllegalStateException("parent refresh token unknown or revoked");
                    }
                    root = rs.getString(1);
                }
            }
            try (PreparedStatement u = con.prepareStatement("UPDATE oidc_refresh_token SET consumed_at = ?"
                    + " WHERE token_digest = ? AND consumed_at IS NULL AND revoked = FALSE AND expires_at > ?")) {
                u.setObject(1, n);
                u.setString(2, rt1);
                u.setObject(3, n);
                if (u.executeUpdate() != 1) {
                    throw new IllegalStateException("refresh token not redeemable");
                }
            }
            insertRefresh(con, rt2, rt1, root, grantId, subject, n, rtExp, c.thread);
            con.commit();
        }
        c.step(2, t);
    }

    private static void insertRefresh(Connection con, String digest, String parent, String root, String grantId,
            String subject, LocalDateTime now, LocalDateTime exp, int thread) throws SQLException {
        try (PreparedStatement r = con.prepareStatement("INSERT INTO oidc_refresh_token (token_digest, parent_digest,"
                + " root_digest, client_id, subject, grant_id, scopes, resources, auth_time, acr, amr, nonce,"
                + " session_id, dpop_jkt, cert_thumbprint, expires_at, consumed_at, revoked, created_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,NULL,?,NULL,FALSE,?)")) {
            r.setString(1, digest);
            r.setString(2, parent);
            r.setString(3, root);
            r.setString(4, CLIENT);
            r.setString(5, subject);
            r.setString(6, grantId);
            r.setString(7, SCOPES_JSON);
            r.setString(8, "[]");
            r.setObject(9, now);
            r.setString(10, ACR);
            r.setString(11, AMR_JSON);
            r.setString(12, NONCE);
            r.setString(13, "sid-" + thread);
            r.setObject(14, exp);
            r.setObject(15, now);
            r.executeUpdate();
        }
    }
}
