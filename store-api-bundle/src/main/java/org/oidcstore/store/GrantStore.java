package org.oidcstore.store;

import java.util.Optional;
import org.oidcstore.store.spi.SingleWinner;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Consent grants ({@link StoreKind#GRANTS}), a member of the transactional cluster.
 *
 * <p><b>Optimistic locking.</b> Every saved grant carries a version. An update names the version
 * it read; if another writer changed the grant meanwhile, the update fails with
 * {@link ConflictException} and writes nothing: exactly one of several concurrent updates of the
 * same version wins.
 *
 * <p><b>Expiry.</b> A grant with {@code expiresAt} is expired at that instant (inclusive) by the
 * store's clock and is then absent from every read.
 */
public interface GrantStore {

    /**
     * Inserts ({@code version == 0}) or updates ({@code version > 0}) a grant.
     *
     * @return the stored grant with its new version (1 after an insert, {@code version + 1} after
     *     an update)
     * @throws DuplicateRecordException on insert when the grant id exists
     * @throws ConflictException on update when the stored version is not {@code grant.version()}
     *     or the grant no longer exists; nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    @SingleWinner
    Grant save(Grant grant);

    /** Finds a grant by id; empty when unknown or expired. */
    Optional<Grant> find(String grantId);

    /**
     * The newest live grant of {@code subject} for {@code clientId} (greatest {@code createdAt},
     * ties broken by the greatest grant id), or empty.
     */
    Optional<Grant> findActive(String subject, String clientId);

    /**
     * The live grants of {@code subject}, newest first ({@code createdAt} descending, then grant id
     * descending, as {@link #findActive}), one keyset page at a time: the grants after
     * {@code afterCursor} ({@code null} for the first page), at most {@code limit}, reading at most
     * {@code limit + 1} rows.
     *
     * @param afterCursor the {@link KeysetPage#nextCursor()} of the previous page, or {@code null}
     * @throws IllegalArgumentException when {@code limit} is not within 1 … {@link Limits#MAX_PAGE_SIZE}
     *     or {@code afterCursor} is not a cursor of this listing
     */
    KeysetPage<Grant> listBySubject(String subject, String afterCursor, int limit);

    /**
     * Deletes a grant. Idempotent. Does not touch tokens: revoke them through their stores (in the
     * same transaction) and record a tombstone in {@link GrantRevocationStore}.
     *
     * @return {@code true} when a grant was deleted
     */
    boolean delete(String grantId);

    /**
     * The distinct client ids for which {@code subject} holds a live grant, as a keyset page in
     * ascending (binary) order: the ids greater than {@code afterClientId} ({@code null} for the
     * first page), at most {@code limit} of them. A backend reads at most {@code limit + 1} rows to
     * know whether a next page exists; concurrent inserts never make a page repeat or skip an id
     * that existed throughout the listing.
     *
     * @throws IllegalArgumentException when {@code limit} is not within 1 … {@link Limits#MAX_PAGE_SIZE},
     *     or {@code afterClientId} is no identifier a client could have ({@link Limits})
     */
    KeysetPage<String> listClientIds(String subject, String afterClientId, int limit);

    /**
     * The distinct subjects that hold a live grant with {@code clientId} (the fan-out of a
     * client's logout or deletion), as a keyset page in ascending (binary) order: the subjects
     * greater than {@code afterSubject} ({@code null} for the first page), at most {@code limit} of
     * them. The same rules as {@link #listClientIds}: a backend reads at most {@code limit + 1} rows
     * to know whether a next page exists (never a slice of a full list), and concurrent inserts
     * never make a page repeat or skip a subject that held a grant throughout the listing. An
     * unknown client lists nothing.
     *
     * @throws IllegalArgumentException when {@code limit} is not within 1 … {@link Limits#MAX_PAGE_SIZE},
     *     or {@code afterSubject} is no identifier a subject could have ({@link Limits})
     */
    KeysetPage<String> listSubjects(String clientId, String afterSubject, int limit);

    /**
     * Deletes every grant of {@code clientId}, live or expired, as {@link #delete} does for one
     * (part of revoking a client: {@link OidcStore#revokeClient} runs it with the
     * {@code revokeByClient} of the other cluster kinds in one transaction). Joins the caller's
     * transaction. Records no tombstone: the client's tokens are revoked through their own stores'
     * {@code revokeByClient}; a caller that also hands out self-contained tokens the access-token
     * registry does not know records tombstones in {@link GrantRevocationStore} in the same
     * transaction. Idempotent; an unknown client (or an identifier no client could have) deletes
     * nothing.
     *
     * @return how many grants this call deleted (expired ones included)
     */
    @StoreEvent(value = "client_cascades",
            description = "Client cascades: revocations of every grant and token of a client (committed)",
            when = StoreEvent.When.COMMITTED)
    int revokeByClient(String clientId);

    /**
     * Erases subject {@code subject}: deletes every grant of it. Part of {@link OidcStore#eraseSubject}; joins the caller's
     * transaction when the backend is transactional. Idempotent: a second call, or an unknown
     * subject, removes nothing and returns 0; so does a subject that could never have been stored
     * (blank, too long, a control character: {@code spi.Arguments#isStorableId}). A {@code null}
     * subject raises {@link NullPointerException}.
     *
     * <p>The default, for a backend built against API 1.3, refuses: such a backend cannot take part
     * in an erasure until it implements this (the TCK's erasure contract fails it).
     *
     * @return how many records this call removed, expired ones included
     * @throws StoreUnavailableException when the engine cannot be reached
     * @throws StoreConfigurationException (OIDCS-1003) when the backend does not implement erasure
     */
    default int eraseSubject(String subject) {
        throw Checks.noErasure(getClass());
    }
}
