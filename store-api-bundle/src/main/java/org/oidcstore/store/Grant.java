package org.oidcstore.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A consent grant: what a user allowed a client to do. Codes and tokens are issued under a grant.
 *
 * @param grantId the grant identifier
 * @param subject the end user
 * @param clientId the client
 * @param scopes granted scopes
 * @param resources granted resource indicators (RFC 8707)
 * @param createdAt when the grant was first given
 * @param updatedAt when it last changed
 * @param expiresAt expired at this instant (inclusive), or {@code null} for a grant that does not expire
 * @param version optimistic-lock version: {@code 0} for a grant not yet saved; the store sets 1 on
 *     insert and increments it on every update
 */
public record Grant(
        String grantId,
        String subject,
        String clientId,
        Set<String> scopes,
        List<String> resources,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        long version) {

    public Grant {
        Checks.id(grantId, "grantId");
        Checks.id(subject, "subject");
        Checks.id(clientId, "clientId");
        scopes = Checks.set(scopes, "scopes");
        resources = Checks.list(resources, "resources");
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        updatedAt = Checks.requiredInstant(updatedAt, "updatedAt");
        expiresAt = Checks.instant(expiresAt, "expiresAt");
        Checks.notBefore(updatedAt, createdAt, "updatedAt", "createdAt");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** Whether the grant is expired at {@code now}; a grant without expiry never is. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public Grant withVersion(long v) {
        return toBuilder().version(v).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().grantId(grantId).subject(subject).clientId(clientId).scopes(scopes)
                .resources(resources).createdAt(createdAt).updatedAt(updatedAt).expiresAt(expiresAt)
                .version(version);
    }

    /** Builder for {@link Grant}; {@code updatedAt} defaults to {@code createdAt}. */
    public static final class Builder {
        private String grantId;
        private String subject;
        private String clientId;
        private Collection<String> scopes;
        private Collection<String> resources;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant expiresAt;
        private long version;

        private Builder() {
        }

        public Builder grantId(String v) { grantId = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder scopes(Collection<String> v) { scopes = v; return this; }
        public Builder resources(Collection<String> v) { resources = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder expiresAt(Instant v) { expiresAt = v; return this; }
        public Builder version(long v) { version = v; return this; }

        public Grant build() {
            return new Grant(grantId, subject, clientId, Checks.asSet(scopes, "scopes"),
                    Checks.asList(resources, "resources"), createdAt, updatedAt == null ? createdAt : updatedAt,
                    expiresAt, version);
        }
    }
}
