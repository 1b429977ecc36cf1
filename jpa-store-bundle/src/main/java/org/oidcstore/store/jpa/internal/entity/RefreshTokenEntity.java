package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Set;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;

/**
 * One link of a refresh-token chain ({@code oidc_refresh_token}): the token's digest, its parent's
 * digest ({@code null} for a root) and the chain root's digest (a root's own), never raw values.
 */
@Entity
@Table(name = "oidc_refresh_token")
public class RefreshTokenEntity {
    @Id
    @Column(name = "token_digest")
    String tokenDigest;
    @Column(name = "parent_digest")
    String parentDigest;
    @Column(name = "root_digest")
    String rootDigest;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "subject")
    String subject;
    @Column(name = "grant_id")
    String grantId;
    @Column(name = "scopes")
    String scopes;
    @Column(name = "resources")
    String resources;
    @Column(name = "auth_time")
    LocalDateTime authTime;
    @Column(name = "acr")
    String acr;
    @Column(name = "amr")
    String amr;
    @Column(name = "nonce")
    String nonce;
    @Column(name = "session_id")
    String sessionId;
    @Column(name = "dpop_jkt")
    String dpopJkt;
    @Column(name = "cert_thumbprint")
    String certThumbprint;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "consumed_at")
    LocalDateTime consumedAt;
    @Column(name = "revoked")
    boolean revoked;
    @Column(name = "created_at")
    LocalDateTime createdAt;

    protected RefreshTokenEntity() {
    }

    public static RefreshTokenEntity of(RefreshToken t, String digest, String parentDigest, String rootDigest) {
        RefreshTokenEntity e = new RefreshTokenEntity();
        e.tokenDigest = digest;
        e.parentDigest = parentDigest;
        e.rootDigest = rootDigest;
        e.clientId = t.clientId();
        e.subject = t.subject();
        e.grantId = t.grantId();
        e.scopes = Json.array(t.scopes());
        e.resources = Json.array(t.resources());
        e.authTime = Times.db(t.authTime());
        e.acr = t.acr();
        e.amr = Json.array(t.amr());
        e.nonce = t.nonce();
        e.sessionId = t.sessionId();
        e.dpopJkt = t.dpopJkt();
        e.certThumbprint = t.certThumbprint();
        e.expiresAt = Times.db(t.expiresAt());
        e.consumedAt = Times.db(t.consumedAt());
        e.revoked = t.revoked();
        e.createdAt = Times.db(t.createdAt());
        return e;
    }

    /**
     * Every column, in the order {@link #bind} binds and {@link #read} reads them: the tier's hot
     * statements run over plain JDBC (see {@code TxRunner.sql}), the mapping above serves the rest.
     */
    public static final String COLUMNS = "token_digest, parent_digest, root_digest, client_id, subject, grant_id,"
            + " scopes, resources, auth_time, acr, amr, nonce, session_id, dpop_jkt, cert_thumbprint, expires_at,"
            + " consumed_at, revoked, created_at";
    public static final int COLUMN_COUNT = 19;

    /** Binds every column, in {@link #COLUMNS} order, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, tokenDigest);
        Sql.setString(ps, 2, parentDigest);
        ps.setString(3, rootDigest);
        ps.setString(4, clientId);
        ps.setString(5, subject);
        ps.setString(6, grantId);
        ps.setString(7, scopes);
        ps.setString(8, resources);
        Sql.setTimestamp(ps, 9, authTime);
        Sql.setString(ps, 10, acr);
        ps.setString(11, amr);
        Sql.setString(ps, 12, nonce);
        Sql.setString(ps, 13, sessionId);
        Sql.setString(ps, 14, dpopJkt);
        Sql.setString(ps, 15, certThumbprint);
        Sql.setTimestamp(ps, 16, expiresAt);
        Sql.setTimestamp(ps, 17, consumedAt);
        ps.setBoolean(18, revoked);
        Sql.setTimestamp(ps, 19, createdAt);
    }

    /** The row at the cursor of {@code rs}, selected as {@link #COLUMNS}. */
    public static RefreshTokenEntity read(ResultSet rs) throws SQLException {
        RefreshTokenEntity e = new RefreshTokenEntity();
        e.tokenDigest = rs.getString(1);
        e.parentDigest = rs.getString(2);
        e.rootDigest = rs.getString(3);
        e.clientId = rs.getString(4);
        e.subject = rs.getString(5);
        e.grantId = rs.getString(6);
        e.scopes = rs.getString(7);
        e.resources = rs.getString(8);
        e.authTime = Sql.getTimestamp(rs, 9);
        e.acr = rs.getString(10);
        e.amr = rs.getString(11);
        e.nonce = rs.getString(12);
        e.sessionId = rs.getString(13);
        e.dpopJkt = rs.getString(14);
        e.certThumbprint = rs.getString(15);
        e.expiresAt = Sql.getTimestamp(rs, 16);
        e.consumedAt = Sql.getTimestamp(rs, 17);
        e.revoked = rs.getBoolean(18);
        e.createdAt = Sql.getTimestamp(rs, 19);
        return e;
    }

    public String digest() {
        return tokenDigest;
    }

    public String parentDigest() {
        return parentDigest;
    }

    public String rootDigest() {
        return rootDigest;
    }

    public String clientId() {
        return clientId;
    }

    public String grantId() {
        return grantId;
    }

    public Set<String> scopes() {
        return CorruptRowException.decode("oidc_refresh_token", () -> Json.set(scopes));
    }

    public boolean revoked() {
        return revoked;
    }

    public boolean consumed() {
        return consumedAt != null;
    }

    public boolean liveAt(LocalDateTime now) {
        return expiresAt.isAfter(now);
    }

    /** The record, carrying the bearer value the caller presented. */
    public RefreshToken toRecord(String presented) {
        return CorruptRowException.decode("oidc_refresh_token", () ->
                RefreshToken.builder().token(presented).clientId(clientId).subject(subject).grantId(grantId)
                    .scopes(Json.set(scopes)).resources(Json.list(resources)).authTime(Times.instant(authTime)).acr(acr)
                    .amr(Json.list(amr)).nonce(nonce).sessionId(sessionId).dpopJkt(dpopJkt)
                    .certThumbprint(certThumbprint)
                    .expiresAt(Times.instant(expiresAt)).consumedAt(Times.instant(consumedAt)).revoked(revoked)
                    .createdAt(Times.instant(createdAt)).build());
    }
}
