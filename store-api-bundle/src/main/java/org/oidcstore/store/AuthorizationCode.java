package org.oidcstore.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * An issued authorization code.
 *
 * <p>{@code code} is the bearer value handed to the client. Stores keep only its digest; a record
 * returned by a store carries the value the caller presented. {@code toString()} never shows it.
 *
 * @param code the bearer value
 * @param clientId the client the code was issued to
 * @param subject the end user
 * @param grantId the grant the code was issued under
 * @param redirectUri the redirect URI of the authorization request (must be repeated at the token
 *     endpoint), or {@code null} when none was sent
 * @param scopes granted scopes
 * @param resources resource indicators (RFC 8707)
 * @param codeChallenge PKCE challenge, or {@code null}
 * @param codeChallengeMethod PKCE method ({@code S256}), or {@code null}
 * @param nonce OpenID Connect nonce, or {@code null}
 * @param dpopJkt DPoP key thumbprint the code is bound to (RFC 9449 §10), or {@code null}
 * @param sessionId the login session ({@code sid}), or {@code null}
 * @param authTime when the user authenticated, or {@code null}
 * @param acr authentication context class, or {@code null}
 * @param amr authentication methods
 * @param expiresAt the code is expired <b>at</b> this instant (inclusive)
 * @param consumedAt when the code was redeemed, {@code null} while unused; set by the store
 * @param createdAt when the code was issued
 */
public record AuthorizationCode(
        String code,
        String clientId,
        String subject,
        String grantId,
        String redirectUri,
        Set<String> scopes,
        List<String> resources,
        String codeChallenge,
        String codeChallengeMethod,
        String nonce,
        String dpopJkt,
        String sessionId,
        Instant authTime,
        String acr,
        List<String> amr,
        Instant expiresAt,
        Instant consumedAt,
        Instant createdAt) {

    public AuthorizationCode {
        Checks.id(code, "code");
        Checks.id(clientId, "clientId");
        Checks.id(subject, "subject");
        Checks.id(grantId, "grantId");
        Checks.text(redirectUri, "redirectUri");
        Checks.text(codeChallenge, "codeChallenge");
        Checks.text(codeChallengeMethod, "codeChallengeMethod");
        Checks.text(nonce, "nonce");
        Checks.text(dpopJkt, "dpopJkt");
        Checks.optionalId(sessionId, "sessionId");
        Checks.text(acr, "acr");
        scopes = Checks.set(scopes, "scopes");
        resources = Checks.list(resources, "resources");
        amr = Checks.list(amr, "amr");
        authTime = Checks.instant(authTime, "authTime");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
        consumedAt = Checks.instant(consumedAt, "consumedAt");
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        Checks.notBefore(expiresAt, createdAt, "expiresAt", "createdAt");
    }

    /** Whether the code is expired at {@code now}: {@code now >= expiresAt}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean isConsumed() {
        return consumedAt != null;
    }

    /** A copy with {@code consumedAt} set; used by stores when they hand back a redeemed code. */
    public AuthorizationCode withConsumedAt(Instant at) {
        return toBuilder().consumedAt(at).build();
    }

    /** A copy carrying {@code presented} as its bearer value; used by stores on reads. */
    public AuthorizationCode withCode(String presented) {
        return toBuilder().code(presented).build();
    }

    @Override
    public String toString() {
        return "AuthorizationCode[code=" + Checks.redacted(code) + ", clientId=" + clientId + ", subject=" + subject
                + ", grantId=" + grantId + ", scopes=" + scopes + ", expiresAt=" + expiresAt
                + ", consumedAt=" + consumedAt + ", createdAt=" + createdAt + "]";
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().code(code).clientId(clientId).subject(subject).grantId(grantId)
                .redirectUri(redirectUri).scopes(scopes).resources(resources).codeChallenge(codeChallenge)
                .codeChallengeMethod(codeChallengeMethod).nonce(nonce).dpopJkt(dpopJkt).sessionId(sessionId)
                .authTime(authTime).acr(acr).amr(amr).expiresAt(expiresAt).consumedAt(consumedAt)
                .createdAt(createdAt);
    }

    /** Builder for {@link AuthorizationCode}. */
    public static final class Builder {
        private String code;
        private String clientId;
        private String subject;
        private String grantId;
        private String redirectUri;
        private Collection<String> scopes;
        private Collection<String> resources;
        private String codeChallenge;
        private String codeChallengeMethod;
        private String nonce;
        private String dpopJkt;
        private String sessionId;
        private Instant authTime;
        private String acr;
        private Collection<String> amr;
        private Instant expiresAt;
        private Instant consumedAt;
        private Instant createdAt;

        private Builder() {
        }

        public Builder code(String v) { code = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        public Builder grantId(String v) { grantId = v; return this; }
        public Builder redirectUri(String v) { redirectUri = v; return this; }
        public Builder scopes(Collection<String> v) { scopes = v; return this; }
        public Builder resources(Collection<String> v) { resources = v; return this; }
        public Builder codeChallenge(String v) { codeChallenge = v; return this; }
        public Builder codeChallengeMethod(String v) { codeChallengeMethod = v; return this; }
        public Builder nonce(String v) { nonce = v; return this; }
        public Builder dpopJkt(String v) { dpopJkt = v; return this; }
        public Builder sessionId(String v) { sessionId = v; return this; }
        public Builder authTime(Instant v) { authTime = v; return this; }
        public Builder acr(String v) { acr = v; return this; }
        public Builder amr(Collection<String> v) { amr = v; return this; }
        public Builder expiresAt(Instant v) { expiresAt = v; return this; }
        public Builder consumedAt(Instant v) { consumedAt = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }

        public AuthorizationCode build() {
            return new AuthorizationCode(code, clientId, subject, grantId, redirectUri,
                    Checks.asSet(scopes, "scopes"), Checks.asList(resources, "resources"), codeChallenge,
                    codeChallengeMethod, nonce, dpopJkt, sessionId, authTime, acr, Checks.asList(amr, "amr"),
                    expiresAt, consumedAt, createdAt);
        }
    }
}
