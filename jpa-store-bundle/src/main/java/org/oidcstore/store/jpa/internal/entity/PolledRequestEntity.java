package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDateTime;

/**
 * The columns both polled-request tables ({@code oidc_device_authorization},
 * {@code oidc_ciba_request}) share, with the same names and types in every dialect's schema: where
 * a request stands ({@code state}, the approval in four columns, {@code NULL} before one) and its
 * polls (the interval, the last poll and its {@code slow_down} answer). Statements over them are
 * {@code row.ApprovalColumns} and {@code store.PolledRequests}.
 */
@MappedSuperclass
public abstract class PolledRequestEntity {
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

    protected PolledRequestEntity() {
    }
}
