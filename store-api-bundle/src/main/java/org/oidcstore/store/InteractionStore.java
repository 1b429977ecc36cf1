package org.oidcstore.store;

import java.util.Optional;

/**
 * Half-finished login interactions ({@link StoreKind#INTERACTIONS}); volatile by default.
 * Compare-and-swap is the extension {@link InteractionCompareAndSwap}, which every backend of this
 * project implements.
 *
 * <p>The state round-trips byte-exact. An interaction is expired at {@code expiresAt} (inclusive)
 * by the store's clock and then absent.
 */
public interface InteractionStore {

    /**
     * Inserts or replaces the interaction with the same id.
     *
     * @throws IllegalArgumentException when the interaction is larger than the backend's
     *     {@code max-value-bytes} ({@link org.oidcstore.store.spi.ValueSize}); nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached or the store is full
     */
    void save(Interaction interaction);

    /** Finds a live interaction; empty when unknown, deleted or expired. */
    Optional<Interaction> find(String interactionId);

    /**
     * Deletes an interaction. Idempotent.
     *
     * @return {@code true} when a live interaction was deleted; {@code false} when none was there,
     *     including one that had expired (absent and expired look the same)
     */
    boolean delete(String interactionId);
}
