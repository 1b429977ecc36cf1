package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A grant's tombstone ({@code oidc_grant_tombstone}): tokens of the grant issued at or before
 * {@code revokedAt} are revoked until {@code retainUntil}. Written only by the widening upsert of
 * {@code JpaGrantRevocationStore}; mapped so that the persistence unit knows every table.
 */
@Entity
@Table(name = "oidc_grant_tombstone")
public class GrantTombstoneEntity {
    @Id
    @Column(name = "grant_id")
    String grantId;
    @Column(name = "revoked_at")
    LocalDateTime revokedAt;
    @Column(name = "retain_until")
    LocalDateTime retainUntil;

    protected GrantTombstoneEntity() {
    }
}
