package org.oidcstore.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A refresh token, one link of a rotation chain.
 *
 * <p>{@code token} is the bearer value. Stores keep only its digest (and the digests of its parent
 * and chain root); a record returned by a store carries the value the caller presented.
 * {@code toString()} never shows it.
 *
 * @param token the bearer value
 * @param clientId the client it was issued to
 * @param subject the end user
 * @param grantId the grant it belongs to; every link of a chain has the same grant
 * @param scopes granted scopes; a rotated token may narrow its parent's scopes, never widen them
 * @param resources resource indicators (RFC 8707)
 * @param authTime when the user authenticated, or {@code null}
 * @param acr authentication context class, or {@code null}
 * @param amr authentication methods
 * @param nonce OpenID Connect nonce of the original request, or {@code null}
 * @param sessionId login session ({@code sid}), or {@code null}
 * @param dpopJkt DPoP key thumbprint the token is bound to, or {@code null}
 * @param certThumbprint mTLS certificate thumbprint ({@code x5t#S256}) it is bound to, or {@code null}
 * @param expiresAt the token is expired <b>at</b> this instant (inclusive)
 * @param consumedAt when it was redeemed (rotated), {@code null} while unused; set by the store
 * @param revoked whether it was revoked (chain or grant revocation); set by the store
 * @param createdAt when it was issued
 */
public record RefreshToken(
        String token,
        String clientId,
        String subject,
        String grantId,
        Set<String> scopes,
        List<String> resources,
        Instant authTime,
        String acr,
        List<String> amr,
        String nonce,
        String sessionId,
        String dpopJkt,
        String certThumbprint,
        Instant expiresAt,
        Instant consumedAt,
        boolean revoked,
        Instant createdAt) {

    public RefreshToken {
        Checks.id(token, "token");
        Checks.id(clientId, "clientId");
        Checks.id(subject, "subject");
        Checks.id(grantId, "grantId");
        Checks.text(acr, "acr");
        Checks.text(nonce, "nonce");
        Checks.optionalId(sessionId, "sessionId");
        Checks.text(dpopJkt, "dpopJkt");
        Checks.text(certThumbprint, "certThumbprint");
        scopes = Checks.set(scopes, "scopes");
        resources = Checks.list(resources, "resources");
        amr = Checks.list(amr, "amr");
        authTime = Checks.instant(authTime, "authTime");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
        consumedAt = Checks.instant(consumedAt, "consumedAt");
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        Checks.notBefore(expiresAt, createdAt, "expiresAt", "createdAt");
    }

    /** Whether the token is expired at {@code now}: {@code now >= expiresAt}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean isConsumed() {
        return consumedAt != null;
    }

    /**
     * The successor of this token for a rotation: same client, subject, grant, binding and
     * authentication facts, the given bearer value, times and scopes ({@code null} keeps this
     * token's scopes), not consumed, not revoked.
     * Save it with {@code RefreshTokenStore.save(successor, this.token())}.
     */
    public RefreshToken successor(String newToken, Set<String> newScopes, Instant now, Instant newExpiresAt) {
        return toBuilder().token(newToken).scopes(newScopes == null ? scopes : newScopes).createdAt(now).expiresAt(newExpiresAt)
                .consumedAt(null).revoked(false).build();
    }

    public RefreshToken withConsumedAt(Instant at) {
        return toBuilder().consumedAt(at).build();
    }

    public RefreshToken withToken(String presented) {
        return toBuilder().token(presented).build();
    }

    @Override
    public String toString() {
        return "RefreshToken[token=" + Checks.redacted(token) + ", clientId=" + clientId + ", subject=" + subject
                + ", grantId=" + grantId + ", scopes=" + scopes + ", expiresAt=" + expiresAt
                + ", consumedAt=" + consumedAt + ", revoked=" + revoked + ", createdAt=" + createdAt + "]";
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().token(token).clientId(clientId).subject(subject).grantId(grantId).scopes(scopes)
                .resources(resources).authTime(authTime).acr(acr).amr(amr).nonce(nonce).sessionId(sessionId)
                .dpopJkt(dpopJkt).certThumbprint(certThumbprint).expiresAt(expiresAt).consumedAt(consumedAt)
                .revoked(revoked).createdAt(createdAt);
    }

    /** Builder for {@link RefreshToken}. */
    public static final class Builder {
        private String token;
        private String clientId;
        private String subject;
        private String grantId;
        private Collection<String> scopes;
        private Collection<String> resources;
        private Instant authTime;
        private String acr;
        private Collection<String> amr;
        private String nonce;
        private String sessionId;
        private String dpopJkt;
        private String certThumbprint;
        private Instant expiresAt;
        private Instant consumedAt;
        private boolean revoked;
        private Instant createdAt;

        private Builder() {
        }

        public Builder token(String v) { token = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        public Builder grantId(String v) { grantId = v; return this; }
        public Builder scopes(Collection<String> v) { scopes = v; return this; }
        public Builder resources(Collection<String> v) { resources = v; return this; }
        public Builder authTime(Instant v) { authTime = v; return this; }
        public Builder acr(String v) { acr = v; return this; }
        public Builder amr(Collection<String> v) { amr = v; return this; }
        public Builder nonce(String v) { nonce = v; return this; }
        public Builder sessionId(String v) { sessionId = v; return this; }
        public Builder dpopJkt(String v) { dpopJkt = v; return this; }
        public Builder certThumbprint(String v) { certThumbprint = v; return this; }
        public Builder expiresAt(Instant v) { expiresAt = v; return this; }
        public Builder consumedAt(Instant v) { consumedAt = v; return this; }
        public Builder revoked(boolean v) { revoked = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }

        public RefreshToken build() {
            return new RefreshToken(token, clientId, subject, grantId, Checks.asSet(scopes, "scopes"),
                    Checks.asList(resources, "resources"), authTime, acr, Checks.asList(amr, "amr"), nonce, sessionId,
                    dpopJkt, certThumbprint, expiresAt, consumedAt, revoked, createdAt);
        }
    }
}
