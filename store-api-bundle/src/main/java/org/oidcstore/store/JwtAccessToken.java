package org.oidcstore.store;

import java.time.Instant;
import java.util.Set;

/**
 * The shadow row of a JWT access token, kept so that tokens can be listed, revoked by grant and
 * introspected although the token itself is self-contained.
 *
 * <p>{@code jti} is stored only as its digest; records returned by a store carry the value the
 * caller presented. {@code toString()} does not show it.
 *
 * @param jti the token's JWT ID
 * @param clientId the client it was issued to
 * @param subject the end user, or {@code null} for a client-credentials token
 * @param grantId the grant it was issued under, or {@code null} (client credentials)
 * @param scopes granted scopes
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}: expired at this instant (inclusive)
 * @param revoked whether it was revoked; set by the store
 */
public record JwtAccessToken(
        String jti,
        String clientId,
        String subject,
        String grantId,
        Set<String> scopes,
        Instant issuedAt,
        Instant expiresAt,
        boolean revoked) {

    public JwtAccessToken {
        Checks.id(jti, "jti");
        Checks.id(clientId, "clientId");
        Checks.optionalId(subject, "subject");
        Checks.optionalId(grantId, "grantId");
        scopes = Checks.set(scopes, "scopes");
        issuedAt = Checks.requiredInstant(issuedAt, "issuedAt");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
        Checks.notBefore(expiresAt, issuedAt, "expiresAt", "issuedAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public JwtAccessToken withJti(String presented) {
        return new JwtAccessToken(presented, clientId, subject, grantId, scopes, issuedAt, expiresAt, revoked);
    }

    public JwtAccessToken withRevoked(boolean r) {
        return new JwtAccessToken(jti, clientId, subject, grantId, scopes, issuedAt, expiresAt, r);
    }

    @Override
    public String toString() {
        return "JwtAccessToken[jti=" + Checks.redacted(jti) + ", clientId=" + clientId + ", subject=" + subject
                + ", grantId=" + grantId + ", scopes=" + scopes + ", issuedAt=" + issuedAt + ", expiresAt="
                + expiresAt + ", revoked=" + revoked + "]";
    }
}
