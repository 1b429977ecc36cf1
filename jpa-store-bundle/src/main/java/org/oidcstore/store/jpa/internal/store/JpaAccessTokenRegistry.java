package org.oidcstore.store.jpa.internal.store;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.AccessTokenEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.AccessTokenRow;
import org.oidcstore.store.jpa.internal.runtime.Dialect;
import org.oidcstore.store.jpa.internal.runtime.Sql;

/**
 * Shadow rows of JWT access tokens on {@code oidc_access_token}, by JWT-ID digest (the shared
 * code of both access-token kinds is {@link JpaTokenRows}).
 */
public final class JpaAccessTokenRegistry extends JpaTokenRows<JwtAccessToken, AccessTokenEntity, AccessTokenRow>
        implements AccessTokenRegistry {
    /** What the GC and {@code purgeExpired} delete: tokens past their expiry. */
    public static final Sweep SWEEP = Sweep.expiresAt(StoreKind.ACCESS_TOKENS, "oidc_access_token", "jti_digest");

    private final StoreParts parts;

    public JpaAccessTokenRegistry(StoreParts parts) {
        super(parts, "access-tokens", StoreKind.ACCESS_TOKENS, AccessTokenEntity.class, "t.jtiDigest",
                AccessTokenEntity::row, SWEEP);
        this.parts = parts;
    }

    @Override
    public void register(JwtAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.revoked()) {
            throw new IllegalArgumentException("a newly issued access token must not be revoked");
        }
        AccessTokenRow row = AccessTokenRow.of(token, digest(token.jti()));
        insert("register", AccessTokenRow.INSERT, row::bind);
    }

    @Override
    public Optional<JwtAccessToken> find(String jti) {
        Objects.requireNonNull(jti, "jti");
        return lookUp(jti);
    }

    @Override
    public boolean revoke(String jti) {
        Objects.requireNonNull(jti, "jti");
        return revokeOne(jti);
    }

    @Override
    public int revokeByGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return revokeAllOf(grantId);
    }

    @Override
    public int revokeByClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return revokeAllOfClient(clientId);
    }

    @Override
    public int purgeExpired(Instant cutoff) {
        return purge(cutoff);
    }

    /**
     * In one transaction, two set-based statements over the subject's index
     * ({@code oidc_access_token_subject_client_ix}): the digests of the rows that are not expired go
     * to the JWT-ID denylist ({@code oidc_revoked_jti}) with each row's expiry, widening an entry
     * that exists ({@link #DENY_PG}, {@link #DENY_MARIADB}, {@link #DENY_H2}), then every row of the
     * subject is deleted. The denylist receives the row's own digest (of this kind: no raw JWT ID is
     * kept to digest again), which {@code JpaGrantRevocationStore.isRevoked} looks up beside the
     * grant-revocations digest. The count is the DELETE's: concurrent erasures count each row once.
     */
    @Override
    public int eraseSubject(String subject) {
        if (!SubjectRows.storable(subject)) {
            return 0;
        }
        LocalDateTime now = parts.ctx().dbNow();
        Dialect d = parts.ctx().dialect();
        String deny = d == Dialect.POSTGRESQL ? DENY_PG : d == Dialect.MARIADB ? DENY_MARIADB : DENY_H2;
        return parts.tx().sql("access-tokens", "eraseSubject", c -> {
            Object[] params = {subject, now};
            if (d == Dialect.H2) {
                try {
                    Sql.update(c, deny, params);
                } catch (SQLException e) {
                    if (!Sql.isDuplicate(e)) {
                        throw e;
                    }
                    Sql.update(c, deny, params); // a concurrent erasure inserted first: now it matches
                }
            } else {
                Sql.update(c, deny, params);
            }
            return Sql.update(c, "DELETE FROM oidc_access_token WHERE subject = ?", subject);
        });
    }

    private static final String LIVE_ROWS = "SELECT jti_digest, expires_at FROM oidc_access_token"
            + " WHERE subject = ? AND expires_at > ?";
    /** PostgreSQL: insert or widen, atomically under the key. */
    static final String DENY_PG = "INSERT INTO oidc_revoked_jti (jti_digest, expires_at) " + LIVE_ROWS
            + " ON CONFLICT (jti_digest) DO UPDATE SET expires_at = GREATEST(oidc_revoked_jti.expires_at,"
            + " EXCLUDED.expires_at)";
    /** MariaDB: insert or widen, atomically under the key. */
    static final String DENY_MARIADB = "INSERT INTO oidc_revoked_jti (jti_digest, expires_at)"
            + " SELECT a.jti_digest, a.expires_at FROM oidc_access_token a WHERE a.subject = ? AND a.expires_at > ?"
            + " ON DUPLICATE KEY UPDATE expires_at = GREATEST(oidc_revoked_jti.expires_at, VALUES(expires_at))";
    /**
     * H2: MERGE, which two sessions may both take down the "not matched" branch; the loser's
     * duplicate-key error rolls back that statement only, and running it again widens.
     */
    static final String DENY_H2 = "MERGE INTO oidc_revoked_jti r USING (" + LIVE_ROWS + ") a"
            + " ON r.jti_digest = a.jti_digest WHEN MATCHED THEN UPDATE SET r.expires_at = GREATEST(r.expires_at,"
            + " a.expires_at) WHEN NOT MATCHED THEN INSERT (jti_digest, expires_at) VALUES (a.jti_digest, a.expires_at)";
}
