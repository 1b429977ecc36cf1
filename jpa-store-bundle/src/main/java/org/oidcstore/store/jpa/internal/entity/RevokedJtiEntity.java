package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A denylisted JWT ID ({@code oidc_revoked_jti}), by digest, until the token's expiry. Written only
 * by the widening upsert of {@code JpaGrantRevocationStore}.
 */
@Entity
@Table(name = "oidc_revoked_jti")
public class RevokedJtiEntity {
    @Id
    @Column(name = "jti_digest")
    String jtiDigest;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;

    protected RevokedJtiEntity() {
    }
}
