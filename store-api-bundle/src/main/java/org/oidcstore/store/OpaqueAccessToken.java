package org.oidcstore.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * An opaque (reference) access token, resolved by introspection.
 *
 * <p>{@code token} is the bearer value; stores keep only its digest and hand back the presented
 * value. {@code toString()} never shows it.
 *
 * @param token the bearer value
 * @param clientId the client it was issued to
 * @param subject the end user, or {@code null} for a client-credentials token
 * @param grantId the grant it was issued under, or {@code null}
 * @param scopes granted scopes
 * @param resources audiences / resource indicators
 * @param dpopJkt DPoP key thumbprint it is bound to, or {@code null}
 * @param certThumbprint mTLS certificate thumbprint it is bound to, or {@code null}
 * @param issuedAt when it was issued
 * @param expiresAt expired at this instant (inclusive)
 * @param revoked whether it was revoked; set by the store
 */
public record OpaqueAccessToken(
        String token,
        String clientId,
        String subject,
        String grantId,
        Set<String> scopes,
        List<String> resources,
        String dpopJkt,
        String certThumbprint,
        Instant issuedAt,
        Instant expiresAt,
        boolean revoked) {

    public OpaqueAccessToken {
        Checks.id(token, "token");
        Checks.id(clientId, "clientId");
        Checks.optionalId(subject, "subject");
        Checks.optionalId(grantId, "grantId");
        Checks.text(dpopJkt, "dpopJkt");
        Checks.text(certThumbprint, "certThumbprint");
        scopes = Checks.set(scopes, "scopes");
        resources = Checks.list(resources, "resources");
        issuedAt = Checks.requiredInstant(issuedAt, "issuedAt");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
        Checks.notBefore(expiresAt, issuedAt, "expiresAt", "issuedAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public OpaqueAccessToken withToken(String presented) {
        return new OpaqueAccessToken(presented, clientId, subject, grantId, scopes, resources, dpopJkt,
                certThumbprint, issuedAt, expiresAt, revoked);
    }

    public OpaqueAccessToken withRevoked(boolean r) {
        return new OpaqueAccessToken(token, clientId, subject, grantId, scopes, resources, dpopJkt,
                certThumbprint, issuedAt, expiresAt, r);
    }

    @Override
    public String toString() {
        return "OpaqueAccessToken[token=" + Checks.redacted(token) + ", clientId=" + clientId + ", subject="
                + subject + ", grantId=" + grantId + ", scopes=" + scopes + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + ", revoked=" + revoked + "]";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link OpaqueAccessToken}. */
    public static final class Builder {
        private String token;
        private String clientId;
        private String subject;
        private String grantId;
        private Collection<String> scopes;
        private Collection<String> resources;
        private String dpopJkt;
        private String certThumbprint;
        private Instant issuedAt;
        private Instant expiresAt;
        private boolean revoked;

        private Builder() {
        }

        public Builder token(String v) { token = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        public Builder grantId(String v) { grantId = v; return this; }
        public Builder scopes(Collection<String> v) { scopes = v; return this; }
        public Builder resources(Collection<String> v) { resources = v; return this; }
        public Builder dpopJkt(String v) { dpopJkt = v; return this; }
        public Builder certThumbprint(String v) { certThumbprint = v; return this; }
        public Builder issuedAt(Instant v) { issuedAt = v; return this; }
        public Builder expiresAt(Instant v) { expiresAt = v; return this; }
        public Builder revoked(boolean v) { revoked = v; return this; }

        public OpaqueAccessToken build() {
            return new OpaqueAccessToken(token, clientId, subject, grantId, Checks.asSet(scopes, "scopes"),
                    Checks.asList(resources, "resources"), dpopJkt, certThumbprint, issuedAt, expiresAt, revoked);
        }
    }
}
