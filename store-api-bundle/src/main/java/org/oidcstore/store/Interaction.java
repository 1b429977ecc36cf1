package org.oidcstore.store;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;

/**
 * A half-finished login interaction: the provider's own serialized state, opaque to the store and
 * kept byte for byte.
 *
 * <p>The state array is copied on the way in and out, so a record is immutable; equality compares
 * the bytes. {@code toString()} shows only the state's length, and no interaction id (it travels
 * in the browser's cookie and lets its holder continue the login).
 *
 * @param interactionId the interaction identifier
 * @param state the raw state, at most {@link #MAX_STATE_BYTES} (a backend may set a lower limit)
 * @param createdAt when the interaction started
 * @param expiresAt expired at this instant (inclusive)
 * @param subject the end user the login has identified so far, or {@code null} before that; the
 *     store keeps it beside the state so that {@link InteractionStore#eraseSubject} finds the
 *     interaction (it never looks inside the state)
 */
public record Interaction(String interactionId, byte[] state, Instant createdAt, Instant expiresAt, String subject) {

    /** Upper bound of the state any backend accepts (1 MiB). */
    public static final int MAX_STATE_BYTES = 1 << 20;

    public Interaction {
        Checks.id(interactionId, "interactionId");
        state = Checks.required(state, "state").clone();
        if (state.length > MAX_STATE_BYTES) {
            throw new IllegalArgumentException("interaction state is " + state.length + " bytes; the limit is "
                    + MAX_STATE_BYTES);
        }
        createdAt = Checks.requiredInstant(createdAt, "createdAt");
        expiresAt = Checks.requiredInstant(expiresAt, "expiresAt");
        Checks.notBefore(expiresAt, createdAt, "expiresAt", "createdAt");
        Checks.optionalId(subject, "subject");
    }

    /** An interaction that names no subject yet. */
    public Interaction(String interactionId, byte[] state, Instant createdAt, Instant expiresAt) {
        this(interactionId, state, createdAt, expiresAt, null);
    }

    /** This interaction with {@code newSubject} (the login identified the user). */
    public Interaction withSubject(String newSubject) {
        return new Interaction(interactionId, state, createdAt, expiresAt, newSubject);
    }

    /** A copy of the state. */
    @Override
    public byte[] state() {
        return state.clone();
    }

    /** The state's length in bytes, without copying it. */
    public int stateLength() {
        return state.length;
    }

    /** Whether the stored state is byte for byte {@code other}. Constant time in the state length. */
    public boolean stateEquals(byte[] other) {
        return other != null && MessageDigest.isEqual(state, other);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interaction i && interactionId.equals(i.interactionId) && Arrays.equals(state, i.state)
                && createdAt.equals(i.createdAt) && expiresAt.equals(i.expiresAt)
                && java.util.Objects.equals(subject, i.subject);
    }

    @Override
    public int hashCode() {
        return (interactionId.hashCode() * 31 + Arrays.hashCode(state)) * 31 + expiresAt.hashCode();
    }

    @Override
    public String toString() {
        return "Interaction[interactionId=" + Checks.redacted(interactionId) + ", state=<" + state.length
                + " bytes>, createdAt=" + createdAt + ", expiresAt=" + expiresAt + ", subject=" + subject + "]";
    }
}
