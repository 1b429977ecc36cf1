package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A device authorization ({@code oidc_device_authorization}), keyed by the device code's digest and
 * unique by the normalised user code's digest: the mapping the schema check and JPQL see; every
 * statement of the kind is plain JDBC over {@code row.DeviceAuthorizationRow}.
 * The approval and poll columns it shares with the other polled-request table are
 * {@link PolledRequestEntity}'s.
 */
@Entity
@Table(name = "oidc_device_authorization")
public class DeviceAuthorizationEntity extends PolledRequestEntity {
    @Id
    @Column(name = "device_code_digest")
    String deviceCodeDigest;
    @Column(name = "user_code_digest")
    String userCodeDigest;
    @Column(name = "client_id")
    String clientId;
    @Column(name = "scopes")
    String scopes;
    @Column(name = "parameters")
    String parameters;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    @Column(name = "strikes")
    int strikes;
    @Column(name = "poll_violations")
    int pollViolations;

    protected DeviceAuthorizationEntity() {
    }
}
