package org.oidcstore.store.jpa.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.oidcstore.store.User;
import org.oidcstore.store.jpa.internal.runtime.CorruptRowException;
import org.oidcstore.store.jpa.internal.runtime.Json;
import org.oidcstore.store.jpa.internal.runtime.Times;

/** An end user ({@code oidc_user}). */
@Entity
@Table(name = "oidc_user")
public class UserEntity {
    @Id
    @Column(name = "subject")
    String subject;
    @Column(name = "claims")
    String claims;
    @Column(name = "updated_at")
    LocalDateTime updatedAt;

    protected UserEntity() {
    }

    public static UserEntity of(User u) {
        UserEntity e = new UserEntity();
        e.subject = u.subject();
        e.claims = Json.object(u.claims());
        e.updatedAt = Times.db(u.updatedAt());
        return e;
    }

    public User toRecord() {
        return CorruptRowException.decode("oidc_user", () ->
                new User(subject, Json.map(claims), Times.instant(updatedAt)));
    }
}
