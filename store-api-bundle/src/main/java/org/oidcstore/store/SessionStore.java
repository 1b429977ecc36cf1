package org.oidcstore.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Login sessions ({@link StoreKind#SESSIONS}). Durable by default; volatile under the
 * {@code volatile} session durability posture, where a lost session is a silent logout and a
 * back-channel logout can miss it.
 *
 * <p>A session is expired at {@code expiresAt} (inclusive) by the store's clock and then absent
 * from every read. The chooser-group index is kept consistent with the sessions in one atomic
 * step: {@link #listByChooserGroup} never returns a deleted or expired session.
 */
public interface SessionStore {

    /** Inserts or replaces the session with the same id (and moves it between chooser groups). */
    void save(Session session);

    /** Finds a live session; empty when unknown, deleted or expired. */
    Optional<Session> find(String sessionId);

    /**
     * Extends a live session: sets {@code expiresAt} to {@code newExpiresAt} and
     * {@code updatedAt} to the store clock's instant, atomically, changing nothing else. Never
     * resurrects: a deleted or expired session stays gone.
     *
     * @return {@code true} when a live session was touched, {@code false} when none exists
     * @throws IllegalArgumentException when {@code newExpiresAt} is not after the store clock's instant
     */
    boolean touch(String sessionId, Instant newExpiresAt);

    /**
     * Deletes a session (and its chooser-group membership) atomically. Idempotent.
     *
     * @return {@code true} when a session was deleted
     */
    boolean delete(String sessionId);

    /**
     * The live sessions of a chooser group, oldest first ({@code createdAt}, then id).
     *
     * @throws NullPointerException when {@code chooserGroup} is {@code null} (sessions without a
     *     group belong to no group)
     */
    List<Session> listByChooserGroup(String chooserGroup);
}
