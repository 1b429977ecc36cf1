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

    /**
     * Erases subject {@code subject}: deletes every interaction carrying it ({@link Interaction#subject()}); interactions that do not name a subject are not found (the store cannot see inside their state). Part of {@link OidcStore#eraseSubject}; joins the caller's
     * transaction when the backend is transactional. Idempotent: a second call, or an unknown
     * subject, removes nothing and returns 0; so does a subject that could never have been stored
     * (blank, too long, a control character: {@code spi.Arguments#isStorableId}). A {@code null}
     * subject raises {@link NullPointerException}.
     *
     * <p>The default, for a backend built against API 1.3, refuses: such a backend cannot take part
     * in an erasure until it implements this (the TCK's erasure contract fails it).
     *
     * @return how many unexpired records this call removed (expired ones are removed as well but
     *     not counted, as {@link SessionStore#deleteBySubject} counts: a volatile tier may have
     *     dropped them already)
     * @throws StoreUnavailableException when the engine cannot be reached
     * @throws StoreConfigurationException (OIDCS-1003) when the backend does not implement erasure
     */
    default int eraseSubject(String subject) {
        throw Checks.noErasure(getClass());
    }
}
