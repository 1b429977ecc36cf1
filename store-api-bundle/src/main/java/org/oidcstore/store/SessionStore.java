package org.oidcstore.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Login sessions ({@link StoreKind#SESSIONS}). Durable by default; volatile under the
 * {@code volatile} session durability posture, where a lost session is a silent logout and a
 * back-channel logout can miss it.
 *
 * <p>A session is expired at {@code expiresAt} (inclusive) by the store's clock and then absent
 * from every read. The chooser-group index is kept consistent with the sessions in one atomic
 * step: {@link #listByChooserGroup} never returns a deleted or expired session. The sessions of a
 * subject ({@link #listBySubject}, {@link #deleteBySubject}) follow the same rule: a deleted or
 * expired session is never listed, and a session saved while its subject is signed out everywhere
 * is either deleted or stays listed, never lost from the listing while it lives.
 */
public interface SessionStore {

    /**
     * Inserts or replaces the session with the same id (and moves it between chooser groups).
     *
     * @throws IllegalArgumentException when the session is larger than the backend's
     *     {@code max-value-bytes} ({@link org.oidcstore.store.spi.ValueSize}); nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached or the store is full
     */
    void save(Session session);

    /** Finds a live session; empty when unknown, deleted or expired. */
    Optional<Session> find(String sessionId);

    /**
     * Extends a live session: sets {@code expiresAt} to {@code newExpiresAt} and
     * {@code updatedAt} to the store clock's instant, atomically, changing nothing else. Never
     * resurrects: a deleted or expired session stays gone.
     *
     * @return {@code true} when a live session was touched, {@code false} when none exists (absent
     *     and expired look the same)
     * @throws IllegalArgumentException when {@code newExpiresAt} is not after the store clock's
     *     instant or outside {@link Limits}
     */
    boolean touch(String sessionId, Instant newExpiresAt);

    /**
     * Deletes a live session (and its chooser-group membership) atomically. Idempotent.
     *
     * @return {@code true} when a live session was deleted; {@code false} when none was there,
     *     including one that had expired (absent and expired look the same; the expired record is
     *     reclaimed all the same)
     */
    boolean delete(String sessionId);

    /**
     * The live sessions of a chooser group, oldest first ({@code createdAt}, then id), one keyset
     * page at a time: the sessions after {@code afterCursor} ({@code null} for the first page), at
     * most {@code limit}. The backend reads at most {@code limit + 1} live members; a session
     * saved during the listing with a later {@code createdAt} appears on a later page, and one that
     * existed throughout appears exactly once.
     *
     * @param afterCursor the {@link KeysetPage#nextCursor()} of the previous page, or {@code null}
     * @throws NullPointerException when {@code chooserGroup} is {@code null} (sessions without a
     *     group belong to no group)
     * @throws IllegalArgumentException when {@code limit} is not within 1 … {@link Limits#MAX_PAGE_SIZE}
     *     or {@code afterCursor} is not a cursor of this listing
     */
    KeysetPage<Session> listByChooserGroup(String chooserGroup, String afterCursor, int limit);

    /**
     * The live sessions of a subject, oldest first ({@code createdAt}, then id), one keyset page at
     * a time, with the rules of {@link #listByChooserGroup}: the sessions strictly after
     * {@code afterCursor} ({@code null} for the first page), at most {@code limit}; the backend reads
     * at most {@code limit + 1} live sessions per page (never a slice of the full list); a session
     * saved during the listing with a later {@code createdAt} appears on a later page, one that
     * existed throughout appears exactly once, and a deleted or expired session never appears.
     *
     * @param afterCursor the {@link KeysetPage#nextCursor()} of the previous page, or {@code null}
     * @throws NullPointerException when {@code subject} is {@code null}
     * @throws IllegalArgumentException when {@code limit} is not within 1 … {@link Limits#MAX_PAGE_SIZE}
     *     or {@code afterCursor} is not a cursor of this listing
     */
    KeysetPage<Session> listBySubject(String subject, String afterCursor, int limit);

    /**
     * Deletes every session of a subject ("sign out everywhere"), each with its chooser-group
     * membership, leaving every other subject's sessions. Not one atomic step over all of them:
     * each session is deleted atomically, and a session of the subject saved while this runs is
     * either deleted (and counted) or stays whole (findable and listed by its subject and group).
     * Idempotent: a second call answers {@code 0}.
     *
     * @return how many live sessions were deleted (expired ones are reclaimed but not counted)
     * @throws NullPointerException when {@code subject} is {@code null}
     */
    @StoreEvent(value = "sessions_signed_out", description = "Subjects signed out everywhere (deleteBySubject calls)",
            when = StoreEvent.When.COMMITTED)
    int deleteBySubject(String subject);
}
