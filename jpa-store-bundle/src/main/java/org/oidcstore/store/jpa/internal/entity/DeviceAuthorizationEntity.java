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
 */
@Entity
@Table(name = "oidc_device_authorization")
public class DeviceAuthorizationEntity {
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
    @Column(name = "interval_seconds")
    int intervalSeconds;
    @Column(name = "state")
    String state;
    @Column(name = "approval_subject")
    String approvalSubject;
    @Column(name = "approval_acr")
    String approvalAcr;
    @Column(name = "approval_amr")
    String approvalAmr;
    @Column(name = "approval_auth_time")
    LocalDateTime approvalAuthTime;
    @Column(name = "last_polled_at")
    LocalDateTime lastPolledAt;
    @Column(name = "last_poll_slow_down")
    boolean lastPollSlowDown;
    @Column(name = "strikes")
    int strikes;
    @Column(name = "poll_violations")
    int pollViolations;

    protected DeviceAuthorizationEntity() {
    }
}
