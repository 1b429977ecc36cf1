package org.oidcstore.store;

import java.time.Instant;
import java.util.Map;

/**
 * An initial access token (RFC 7591 §3): the bearer credential an administrator hands out so that
 * a software instance may call the dynamic registration endpoint, a limited number of times.
 *
 * <p>{@code token} is the bearer value; stores keep only its digest and hand back the value the
 * caller presented. {@code toString()} never shows it.
 *
 * @param token the bearer value
 * @param createdAt when it was issued
 * @param expiresAt expired at this instant (inclusive), or {@code null} for a token that never
 *     expires (it lives until {@link InitialAccessTokenStore#delete deleted})
 * @param maxUses how many registrations it allows (at least 1), or {@code null} for no limit
 * @param uses how many registrations it has allowed so far; 0 for a new token, counted by the
 *     store ({@link InitialAccessTokenStore#use})
 * @param policy what the registration endpoint applies to the clients registered with it (e.g.
 *     allowed scopes, a software statement issuer), opaque to the store; within the collection
 *     limits of {@link Limits}
 */
public record InitialAccessToken(String token, Instant createdAt, Instant expiresAt, Integer maxUses, int uses,
        Map<String, String> policy) {

    public InitialAccessToken {
        Checks.id(token, "token");
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        expiresAt = Checks.instant(expiresAt, "expiresAt");
        Checks.notBefore(expiresAt, createdAt, "expiresAt", "createdAt");
        if (maxUses != null && maxUses < 1) {
            throw new IllegalArgumentException("maxUses must be at least 1, or null for no limit");
        }
        if (uses < 0) {
            throw new IllegalArgumentException("uses must not be negative");
        }
        policy = Checks.map(policy, "policy");
    }

    /** A new token: no use yet. */
    public static InitialAccessToken issue(String token, Instant createdAt, Instant expiresAt, Integer maxUses,
            Map<String, String> policy) {
        return new InitialAccessToken(token, createdAt, expiresAt, maxUses, 0, policy);
    }

    /** Whether the token is expired at {@code now} ({@code now >= expiresAt}); never for a token without expiry. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether every use it allows is spent ({@code uses >= maxUses}); never for a token without limit. */
    public boolean isExhausted() {
        return maxUses != null && uses >= maxUses;
    }

    public InitialAccessToken withToken(String presented) {
        return new InitialAccessToken(presented, createdAt, expiresAt, maxUses, uses, policy);
    }

    public InitialAccessToken withUses(int u) {
        return new InitialAccessToken(token, createdAt, expiresAt, maxUses, u, policy);
    }

    @Override
    public String toString() {
        return "InitialAccessToken[token=" + Checks.redacted(token) + ", createdAt=" + createdAt + ", expiresAt="
                + expiresAt + ", maxUses=" + maxUses + ", uses=" + uses + ", policy=" + policy.keySet() + "]";
    }
}
