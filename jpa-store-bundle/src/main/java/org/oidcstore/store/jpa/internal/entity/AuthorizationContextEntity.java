package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;

/**
 * The context of one authorization ({@code oidc_authorization_context}, schema version 8): the
 * context sealed at rest, and the digest of the ID token bound to the grant (or {@code null}).
 */
@Entity
@Table(name = "oidc_authorization_context")
public class AuthorizationContextEntity {
    @Id
    @Column(name = "grant_id")
    String grantId;
    @Column(name = "subject")
    String subject;
    @Column(name = "client_id")
    String clientId;
    /** The context as {@code SecretDigest.sealBytes} sealed it, bound to the grant id. */
    @Column(name = "context")
    byte[] sealed;
    @Column(name = "id_token_digest")
    String idTokenDigest;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;

    protected AuthorizationContextEntity() {
    }

    /** Columns an insert or replacement writes, the key first, without the ID-token digest. */
    public static final String[] COLUMNS = {"grant_id", "subject", "client_id", "context", "created_at", "expires_at"};
    /** {@link #COLUMNS} and the ID-token digest: a save that binds an ID token. */
    public static final String[] COLUMNS_WITH_ID_TOKEN = {"grant_id", "subject", "client_id", "context",
        "created_at", "expires_at", "id_token_digest"};

    /**
     * Binds {@code c}, with its context already {@code sealed}, to the {@link #COLUMNS} of a
     * statement, then {@code idTokenDigest} when not {@code null} ({@link #COLUMNS_WITH_ID_TOKEN}).
     */
    public static void bind(PreparedStatement ps, AuthorizationContext c, byte[] sealed, String idTokenDigest)
            throws SQLException {
        ps.setString(1, c.grantId());
        ps.setString(2, c.subject());
        ps.setString(3, c.clientId());
        ps.setBytes(4, sealed);
        Sql.setInstant(ps, 5, c.createdAt());
        Sql.setInstant(ps, 6, c.expiresAt());
        if (idTokenDigest != null) {
            ps.setString(7, idTokenDigest);
        }
    }

    public String grantId() {
        return grantId;
    }

    public byte[] sealed() {
        return sealed;
    }

    public String idTokenDigest() {
        return idTokenDigest;
    }

    /** When the row expires ({@code spi.Expiry} decides against the store clock). */
    public Instant expiresAt() {
        return Times.instant(expiresAt);
    }

    /** The record, with the context {@code opened} from {@link #sealed()}. */
    public AuthorizationContext toRecord(byte[] opened) {
        return CorruptRowException.decode("oidc_authorization_context", () -> new AuthorizationContext(grantId,
                subject, clientId, opened, Times.instant(createdAt), Times.instant(expiresAt)));
    }
}
