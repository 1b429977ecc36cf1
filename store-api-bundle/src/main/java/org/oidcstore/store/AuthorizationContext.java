package org.oidcstore.store;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;

/**
 * The provider's own context of one authorization (a grant): what it must read back when a code is
 * redeemed, a refresh token rotated or a token introspected, such as the authenticated principal,
 * the original authorization request and the claims of the tokens issued. Opaque to the store and
 * kept byte for byte ({@link AuthorizationContextStore}).
 *
 * <p>The context array is copied on the way in and out, so a record is immutable; equality
 * compares the bytes. {@code toString()} shows only the context's length (it names the end user).
 *
 * @param grantId the grant the context belongs to: the {@code grantId} its codes and tokens carry
 * @param subject the end user of the grant; kept beside the context so that
 *     {@link AuthorizationContextStore#eraseSubject} finds it (the store never looks inside the context)
 * @param clientId the client of the grant
 * @param context the raw context, at most {@link Limits#MAX_CONTEXT_BYTES}
 * @param createdAt when the context was written
 * @param expiresAt expired at this instant (inclusive): the latest expiry of the grant's tokens
 */
public record AuthorizationContext(String grantId, String subject, String clientId, byte[] context,
        Instant createdAt, Instant expiresAt) {

    public AuthorizationContext {
        Checks.id(grantId, "grantId");
        Checks.id(subject, "subject");
        Checks.id(clientId, "clientId");
        context = Checks.required(context, "context").clone();
        if (context.length > Limits.MAX_CONTEXT_BYTES) {
            throw new IllegalArgumentException("authorization context is " + context.length
                    + " bytes; the limit is " + Limits.MAX_CONTEXT_BYTES + " (Limits.MAX_CONTEXT_BYTES)");
        }
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
        Checks.notBefore(expiresAt, createdAt, "expiresAt", "createdAt");
    }

    /** A copy of the context. */
    @Override
    public byte[] context() {
        return context.clone();
    }

    /** The context's length in bytes, without copying it. */
    public int contextLength() {
        return context.length;
    }

    /** Whether the stored context is byte for byte {@code other}. Constant time in the context length. */
    public boolean contextEquals(byte[] other) {
        return other != null && MessageDigest.isEqual(context, other);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthorizationContext c && grantId.equals(c.grantId) && subject.equals(c.subject)
                && clientId.equals(c.clientId) && Arrays.equals(context, c.context) && createdAt.equals(c.createdAt)
                && expiresAt.equals(c.expiresAt);
    }

    @Override
    public int hashCode() {
        return (grantId.hashCode() * 31 + Arrays.hashCode(context)) * 31 + expiresAt.hashCode();
    }

    @Override
    public String toString() {
        return "AuthorizationContext[grantId=" + grantId + ", subject=" + subject + ", clientId=" + clientId
                + ", context=<" + context.length + " bytes>, createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
