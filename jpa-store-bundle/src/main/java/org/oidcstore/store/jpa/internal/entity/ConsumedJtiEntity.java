package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A replay marker of a JWT ID ({@code oidc_consumed_jti}), by digest, live until {@code expiresAt}.
 * Written only by the single-winner mark of {@code JpaConsumedJwtIdStore}.
 */
@Entity
@Table(name = "oidc_consumed_jti")
public class ConsumedJtiEntity {
    @Id
    @Column(name = "jti_digest")
    String jtiDigest;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;

    protected ConsumedJtiEntity() {
    }
}
