package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;

/** An authorization code ({@code oidc_authorization_code}), keyed by the code's digest. */
@Entity
@Table(name = "oidc_authorization_code")
public class AuthorizationCodeEntity {
    @Id
    @Column(name = "code_digest")
    String codeDigest;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "subject")
    String subject;
    @Column(name = "grant_id")
    String grantId;
    @Column(name = "redirect_uri")
    String redirectUri;
    @Column(name = "scopes")
    String scopes;
    @Column(name = "resources")
    String resources;
    @Column(name = "code_challenge")
    String codeChallenge;
    @Column(name = "code_challenge_method")
    String codeChallengeMethod;
    @Column(name = "nonce")
    String nonce;
    @Column(name = "dpop_jkt")
    String dpopJkt;
    @Column(name = "session_id")
    String sessionId;
    @Column(name = "auth_time")
    LocalDateTime authTime;
    @Column(name = "acr")
    String acr;
    @Column(name = "amr")
    String amr;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "consumed_at")
    LocalDateTime consumedAt;
    @Column(name = "created_at")
    LocalDateTime createdAt;

    protected AuthorizationCodeEntity() {
    }

    public static AuthorizationCodeEntity of(AuthorizationCode c, String digest) {
        AuthorizationCodeEntity e = new AuthorizationCodeEntity();
        e.codeDigest = digest;
        e.clientId = c.clientId();
        e.subject = c.subject();
        e.grantId = c.grantId();
        e.redirectUri = c.redirectUri();
        e.scopes = Json.array(c.scopes());
        e.resources = Json.array(c.resources());
        e.codeChallenge = c.codeChallenge();
        e.codeChallengeMethod = c.codeChallengeMethod();
        e.nonce = c.nonce();
        e.dpopJkt = c.dpopJkt();
        e.sessionId = c.sessionId();
        e.authTime = Times.db(c.authTime());
        e.acr = c.acr();
        e.amr = Json.array(c.amr());
        e.expiresAt = Times.db(c.expiresAt());
        e.consumedAt = Times.db(c.consumedAt());
        e.createdAt = Times.db(c.createdAt());
        return e;
    }

    /**
     * Every column, in the order {@link #bind} binds and {@link #read} reads them: the tier's hot
     * statements run over plain JDBC (see {@code TxRunner.sql}), the mapping above serves the rest.
     */
    public static final String COLUMNS = "code_digest, client_id, subject, grant_id, redirect_uri, scopes, resources,"
            + " code_challenge, code_challenge_method, nonce, dpop_jkt, session_id, auth_time, acr, amr, expires_at,"
            + " consumed_at, created_at";
    public static final int COLUMN_COUNT = 18;

    /** Binds every column, in {@link #COLUMNS} order, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, codeDigest);
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
        Sql.setTimestamp(ps, 13, authTime);
        Sql.setString(ps, 14, acr);
        ps.setString(15, amr);
        Sql.setTimestamp(ps, 16, expiresAt);
        Sql.setTimestamp(ps, 17, consumedAt);
        Sql.setTimestamp(ps, 18, createdAt);
    }

    /** The row at the cursor of {@code rs}, selected as {@link #COLUMNS}. */
    public static AuthorizationCodeEntity read(ResultSet rs) throws SQLException {
        AuthorizationCodeEntity e = new AuthorizationCodeEntity();
        e.codeDigest = rs.getString(1);
        e.clientId = rs.getString(2);
        e.subject = rs.getString(3);
        e.grantId = rs.getString(4);
        e.redirectUri = rs.getString(5);
        e.scopes = rs.getString(6);
        e.resources = rs.getString(7);
        e.codeChallenge = rs.getString(8);
        e.codeChallengeMethod = rs.getString(9);
        e.nonce = rs.getString(10);
        e.dpopJkt = rs.getString(11);
        e.sessionId = rs.getString(12);
        e.authTime = Sql.getTimestamp(rs, 13);
        e.acr = rs.getString(14);
        e.amr = rs.getString(15);
        e.expiresAt = Sql.getTimestamp(rs, 16);
        e.consumedAt = Sql.getTimestamp(rs, 17);
        e.createdAt = Sql.getTimestamp(rs, 18);
        return e;
    }

    public String digest() {
        return codeDigest;
    }

    public boolean consumed() {
        return consumedAt != null;
    }

    public boolean liveAt(LocalDateTime now) {
        return expiresAt.isAfter(now);
    }

    /** The record, carrying the bearer value the caller presented. */
    public AuthorizationCode toRecord(String presented) {
        return CorruptRowException.decode("oidc_authorization_code", () ->
                AuthorizationCode.builder().code(presented).clientId(clientId).subject(subject).grantId(grantId)
                    .redirectUri(redirectUri).scopes(Json.set(scopes)).resources(Json.list(resources))
                    .codeChallenge(codeChallenge).codeChallengeMethod(codeChallengeMethod).nonce(nonce).dpopJkt(dpopJkt)
                    .sessionId(sessionId).authTime(Times.instant(authTime)).acr(acr).amr(Json.list(amr))
                    .expiresAt(Times.instant(expiresAt)).consumedAt(Times.instant(consumedAt))
                    .createdAt(Times.instant(createdAt)).build());
    }
}
