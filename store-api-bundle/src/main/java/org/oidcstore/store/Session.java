package org.oidcstore.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A login session at the provider.
 *
 * @param sessionId the session identifier ({@code sid})
 * @param subject the end user
 * @param chooserGroup groups the sessions of one browser (account chooser), or {@code null}
 * @param authTime when the user authenticated
 * @param acr authentication context class, or {@code null}
 * @param amr authentication methods
 * @param clientIds clients the session has issued tokens to (for front- and back-channel logout)
 * @param createdAt when the session started
 * @param updatedAt last change; {@code touch} sets it
 * @param expiresAt expired at this instant (inclusive); {@code touch} moves it
 */
public record Session(
        String sessionId,
        String subject,
        String chooserGroup,
        Instant authTime,
        String acr,
        List<String> amr,
        Set<String> clientIds,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt) {

    public Session {
        Checks.id(sessionId, "sessionId");
        Checks.id(subject, "subject");
        Checks.optionalId(chooserGroup, "chooserGroup");
        Checks.text(acr, "acr");
        authTime = Checks.requiredInstant(authTime, "authTime");
        amr = Checks.list(amr, "amr");
        clientIds = Checks.set(clientIds, "clientIds");
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        updatedAt = Checks.requiredInstant(updatedAt, "updatedAt");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** A copy with a new expiry and update time: what {@code touch} does to the stored session. */
    public Session touched(Instant newExpiresAt, Instant now) {
        return toBuilder().expiresAt(newExpiresAt).updatedAt(now).build();
    }

    /**
     * Shows no session id: a {@code sid} lets whoever holds it act on the session (logout, and in
     * some providers resumption), so it stays out of logs like a bearer value.
     */
    @Override
    public String toString() {
        return "Session[sessionId=" + Checks.redacted(sessionId) + ", subject=" + subject + ", chooserGroup="
                + Checks.redacted(chooserGroup) + ", authTime=" + authTime + ", acr=" + acr + ", amr=" + amr
                + ", clientIds=" + clientIds + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt
                + ", expiresAt=" + expiresAt + "]";
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().sessionId(sessionId).subject(subject).chooserGroup(chooserGroup).authTime(authTime)
                .acr(acr).amr(amr).clientIds(clientIds).createdAt(createdAt).updatedAt(updatedAt)
                .expiresAt(expiresAt);
    }

    /** Builder for {@link Session}; {@code authTime} and {@code updatedAt} default to {@code createdAt}. */
    public static final class Builder {
        private String sessionId;
        private String subject;
        private String chooserGroup;
        private Instant authTime;
        private String acr;
        private Collection<String> amr;
        private Collection<String> clientIds;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant expiresAt;

        private Builder() {
        }

        public Builder sessionId(String v) { sessionId = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        public Builder chooserGroup(String v) { chooserGroup = v; return this; }
        public Builder authTime(Instant v) { authTime = v; return this; }
        public Builder acr(String v) { acr = v; return this; }
        public Builder amr(Collection<String> v) { amr = v; return this; }
        public Builder clientIds(Collection<String> v) { clientIds = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder expiresAt(Instant v) { expiresAt = v; return this; }

        public Session build() {
            return new Session(sessionId, subject, chooserGroup, authTime == null ? createdAt : authTime, acr,
                    Checks.asList(amr, "amr"), Checks.asSet(clientIds, "clientIds"), createdAt,
                    updatedAt == null ? createdAt : updatedAt, expiresAt);
        }
    }
}
