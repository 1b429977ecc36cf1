package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.oidcstore.store.Grant;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;

/**
 * A consent grant ({@code oidc_grant}) with its optimistic version. The version is compared and
 * incremented by the conditional {@code UPDATE} of {@code JpaGrantStore}, inside the engine, so it
 * is a plain column here rather than a provider-managed {@code @Version}.
 */
@Entity
@Table(name = "oidc_grant")
public class GrantEntity {
    @Id
    @Column(name = "grant_id")
    String grantId;
    @Column(name = "subject")
    String subject;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "scopes")
    String scopes;
    @Column(name = "resources")
    String resources;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "updated_at")
    LocalDateTime updatedAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "version")
    long version;

    protected GrantEntity() {
    }

    public static GrantEntity of(Grant g, long version) {
        GrantEntity e = new GrantEntity();
        e.grantId = g.grantId();
        e.subject = g.subject();
        e.clientId = g.clientId();
        e.scopes = Json.array(g.scopes());
        e.resources = Json.array(g.resources());
        e.createdAt = Times.db(g.createdAt());
        e.updatedAt = Times.db(g.updatedAt());
        e.expiresAt = Times.db(g.expiresAt());
        e.version = version;
        return e;
    }

    /**
     * Every column, in the order {@link #bind} binds them: the insert runs over plain JDBC (see
     * {@code TxRunner.sql}), the mapping above serves the rest.
     */
    public static final String COLUMNS = "grant_id, subject, client_id, scopes, resources, created_at, updated_at,"
            + " expires_at, version";
    public static final int COLUMN_COUNT = 9;

    /** Binds every column, in {@link #COLUMNS} order, from parameter 1. */
    public void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, grantId);
        ps.setString(2, subject);
        ps.setString(3, clientId);
        ps.setString(4, scopes);
        ps.setString(5, resources);
        Sql.setTimestamp(ps, 6, createdAt);
        Sql.setTimestamp(ps, 7, updatedAt);
        Sql.setTimestamp(ps, 8, expiresAt);
        ps.setLong(9, version);
    }

    /** The JSON text of the grant's scopes, as stored. */
    public String scopesJson() {
        return scopes;
    }

    public String resourcesJson() {
        return resources;
    }

    public LocalDateTime createdAt() {
        return createdAt;
    }

    public LocalDateTime updatedAt() {
        return updatedAt;
    }

    public LocalDateTime expiresAt() {
        return expiresAt;
    }

    public boolean liveAt(LocalDateTime now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    public Grant toRecord() {
        return CorruptRowException.decode("oidc_grant", () ->
                Grant.builder().grantId(grantId).subject(subject).clientId(clientId).scopes(Json.set(scopes))
                    .resources(Json.list(resources)).createdAt(Times.instant(createdAt))
                    .updatedAt(Times.instant(updatedAt)).expiresAt(Times.instant(expiresAt)).version(version).build());
    }
}
