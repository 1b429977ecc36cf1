package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import org.oidcstore.store.Session;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Times;

/**
 * A login session ({@code oidc_session}). The chooser group is a column of the session row, so the
 * group "index" can never disagree with the sessions: listing filters live rows.
 */
@Entity
@Table(name = "oidc_session")
public class SessionEntity {
    @Id
    @Column(name = "session_id")
    String sessionId;
    @Column(name = "subject")
    String subject;
    @Column(name = "chooser_group")
    String chooserGroup;
    @Column(name = "auth_time")
    LocalDateTime authTime;
    @Column(name = "acr")
    String acr;
    @Column(name = "amr")
    String amr;
    @Column(name = "client_ids")
    String clientIds;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "updated_at")
    LocalDateTime updatedAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;

    protected SessionEntity() {
    }

    /** When the row expires ({@code spi.Expiry} decides against the store clock). */
    public Instant expiresAt() {
        return Times.instant(expiresAt);
    }

    /** The column values in the order of {@link #COLUMNS}, for the dialect upsert. */
    public static Object[] values(Session s) {
        return new Object[] {s.sessionId(), s.subject(), s.chooserGroup(), Times.db(s.authTime()), s.acr(),
            Json.array(s.amr()), Json.array(s.clientIds()), Times.db(s.createdAt()), Times.db(s.updatedAt()),
            Times.db(s.expiresAt())};
    }

    /** Columns of {@code oidc_session}, the key first. */
    public static final String[] COLUMNS = {"session_id", "subject", "chooser_group", "auth_time", "acr", "amr",
        "client_ids", "created_at", "updated_at", "expires_at"};

    public Session toRecord() {
        return CorruptRowException.decode("oidc_session", () ->
                Session.builder().sessionId(sessionId).subject(subject).chooserGroup(chooserGroup)
                    .authTime(Times.instant(authTime)).acr(acr).amr(Json.list(amr)).clientIds(Json.set(clientIds))
                    .createdAt(Times.instant(createdAt)).updatedAt(Times.instant(updatedAt))
                    .expiresAt(Times.instant(expiresAt)).build());
    }
}
