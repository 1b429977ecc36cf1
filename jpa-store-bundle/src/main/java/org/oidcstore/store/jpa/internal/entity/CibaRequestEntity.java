package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A backchannel authentication request ({@code oidc_ciba_request}), keyed by the
 * {@code auth_req_id}'s digest, its notification token sealed: the mapping the schema check and
 * JPQL see; every statement of the kind is plain JDBC over {@code row.CibaRequestRow}.
 * The approval and poll columns it shares with the other polled-request table are
 * {@link PolledRequestEntity}'s.
 */
@Entity
@Table(name = "oidc_ciba_request")
public class CibaRequestEntity extends PolledRequestEntity {
    @Id
    @Column(name = "auth_req_id_digest")
    String authReqIdDigest;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "subject")
    String subject;
    @Column(name = "scopes")
    String scopes;
    @Column(name = "acr_values")
    String acrValues;
    @Column(name = "binding_message")
    String bindingMessage;
    @Column(name = "delivery_mode")
    String deliveryMode;
    @Column(name = "notification_token_sealed")
    String notificationTokenSealed;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;

    protected CibaRequestEntity() {
    }
}
