package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.oidcstore.store.jpa.internal.row.PushedAuthRequestRow;
import org.oidcstore.store.jpa.internal.runtime.Times;

/** A pushed authorization request ({@code oidc_pushed_auth_request}), keyed by the request URI's digest. */
@Entity
@Table(name = "oidc_pushed_auth_request")
public class PushedAuthRequestEntity {
    @Id
    @Column(name = "request_uri_digest")
    String requestUriDigest;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "parameters")
    String parameters;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "consumed_at")
    LocalDateTime consumedAt;

    protected PushedAuthRequestEntity() {
    }

    /** The row's values, decoded as every read of the table decodes them. */
    public PushedAuthRequestRow row() {
        return new PushedAuthRequestRow(requestUriDigest, clientId, parameters, Times.instant(createdAt),
                Times.instant(expiresAt), Times.instant(consumedAt));
    }
}
