package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.Times;

/** A login interaction ({@code oidc_interaction}); the state is stored byte for byte. */
@Entity
@Table(name = "oidc_interaction")
public class InteractionEntity {
    @Id
    @Column(name = "interaction_id")
    String interactionId;
    @Column(name = "state")
    byte[] state;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "expires_at")
    LocalDateTime expiresAt;
    /** Who the login has identified so far, or {@code null} (schema version 7). */
    @Column(name = "subject")
    String subject;

    protected InteractionEntity() {
    }

    /** When the row expires ({@code spi.Expiry} decides against the store clock). */
    public Instant expiresAt() {
        return Times.instant(expiresAt);
    }

    /** Columns of {@code oidc_interaction}, the key first. */
    public static final String[] COLUMNS = {"interaction_id", "state", "created_at", "expires_at", "subject"};

    /** Binds {@code i} to the {@link #COLUMNS} of a statement, in order (a missing subject as a typed NULL). */
    public static void bind(PreparedStatement ps, Interaction i) throws SQLException {
        ps.setString(1, i.interactionId());
        ps.setBytes(2, i.state());
        Sql.setInstant(ps, 3, i.createdAt());
        Sql.setInstant(ps, 4, i.expiresAt());
        Sql.setString(ps, 5, i.subject());
    }

    public Interaction toRecord() {
        return CorruptRowException.decode("oidc_interaction", () ->
                new Interaction(interactionId, state, Times.instant(createdAt), Times.instant(expiresAt), subject));
    }
}
