package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.oidcstore.store.jpa.internal.row.GrantRow;
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

    /** The row's values, decoded as every read of the table decodes them. */
    public GrantRow row() {
        return new GrantRow(grantId, subject, clientId, scopes, resources, Times.instant(createdAt),
                Times.instant(updatedAt), Times.instant(expiresAt), version);
    }
}
