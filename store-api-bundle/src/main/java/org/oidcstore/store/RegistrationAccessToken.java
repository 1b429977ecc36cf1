package org.oidcstore.store;

import java.time.Instant;

/**
 * A registration access token (RFC 7592 §3): the bearer credential with which a dynamically
 * registered client reads, updates or deletes its registration at the client configuration
 * endpoint. A client has at most one live token.
 *
 * <p>{@code token} is the bearer value; stores keep only its digest. Records a store reads by client
 * ({@link RegistrationAccessTokenStore#findByClient}) carry {@code token == null}: the store cannot
 * give the value back. {@code toString()} never shows it.
 *
 * @param clientId the client the token manages
 * @param token the bearer value; {@code null} in records read back by client
 * @param createdAt when it was issued (by rotation: when it replaced the previous one)
 * @param expiresAt expired at this instant (inclusive), or {@code null} for a token that does not
 *     expire (RFC 7592 tokens usually live as long as the registration)
 */
public record RegistrationAccessToken(String clientId, String token, Instant createdAt, Instant expiresAt) {

    public RegistrationAccessToken {
        Checks.id(clientId, "clientId");
        Checks.optionalId(token, "token");
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        expiresAt = Checks.instant(expiresAt, "expiresAt");
        Checks.notBefore(expiresAt, createdAt, "expiresAt", "createdAt");
    }

    /** Whether the token is expired at {@code now} ({@code now >= expiresAt}); never without expiry. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** This record without its bearer value, as {@link RegistrationAccessTokenStore#findByClient} returns it. */
    public RegistrationAccessToken withoutToken() {
        return new RegistrationAccessToken(clientId, null, createdAt, expiresAt);
    }

    @Override
    public String toString() {
        return "RegistrationAccessToken[clientId=" + clientId + ", token=" + Checks.redacted(token) + ", createdAt="
                + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
