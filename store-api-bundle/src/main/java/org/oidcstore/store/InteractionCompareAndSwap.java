package org.oidcstore.store;

import org.oidcstore.store.spi.SingleWinner;

/**
 * Optimistic updates of interactions: two browser tabs (or a double-submitted form) racing on one
 * interaction must not both advance it. The comparison is on the raw state, byte for byte, inside
 * the engine (a conditional statement or a script), so exactly one of several concurrent callers
 * holding the same expected state wins; the others get {@link ConflictException} and change nothing.
 */
public interface InteractionCompareAndSwap extends InteractionStore {

    /**
     * Replaces the live interaction {@code next.interactionId()} with {@code next}, only if its
     * stored state is byte for byte {@code expectedState}.
     *
     * @throws ConflictException when the stored state differs, or the interaction is absent or
     *     expired (re-read to tell which); nothing is written
     * @throws IllegalArgumentException when {@code next} exceeds the backend's size limit
     */
    @SingleWinner
    void compareAndSwap(byte[] expectedState, Interaction next);

    /**
     * Deletes the live interaction only if its stored state is byte for byte {@code expectedState}
     * (finishing a login exactly once).
     *
     * @throws ConflictException when the stored state differs, or the interaction is absent or
     *     expired; nothing is deleted
     */
    @SingleWinner
    void deleteIfUnchanged(String interactionId, byte[] expectedState);
}
