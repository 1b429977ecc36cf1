package org.oidcstore.store;

import java.util.Optional;
import org.oidcstore.store.spi.SingleWinner;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Authorization codes ({@link StoreKind#AUTHORIZATION_CODES}), a member of the transactional
 * cluster.
 *
 * <p><b>Hashing.</b> The code MUST be stored only as its HMAC-SHA-256 digest (see
 * {@code org.oidcstore.store.spi.SecretDigest}); lookups digest the presented value and compare
 * digests in constant time. Presenting a stored digest as a code MUST NOT match.
 *
 * <p><b>Expiry.</b> A code is expired at {@code expiresAt} (inclusive), judged by the store's
 * injected clock on every read, whatever the engine's own TTL did. An expired code is absent:
 * {@code find} and {@code consume} return empty, also when it was consumed (expired beats consumed),
 * so expiry is never reported as replay.
 *
 * <p><b>Single use.</b> {@code consume} has exactly one winner among concurrent callers, decided
 * inside the engine (conditional update), never by read-then-write. Consumed codes are kept until
 * they expire so that a replay is recognised.
 */
public interface AuthorizationCodeStore {

    /**
     * Stores a newly issued code. {@code consumedAt} MUST be {@code null}.
     *
     * @throws DuplicateRecordException when a code with the same value exists; nothing is written
     * @throws IllegalArgumentException when {@code consumedAt} is set
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    @StoreEvent(value = "codes_issued", description = "Authorization codes issued (committed saves)",
            when = StoreEvent.When.COMMITTED)
    void save(AuthorizationCode code);

    /**
     * Finds a code by its bearer value, whether consumed or not.
     *
     * @return the record (carrying {@code code} as presented), or empty when unknown or expired
     */
    Optional<AuthorizationCode> find(String code);

    /**
     * Redeems a code: marks it consumed, once.
     *
     * @return the record with {@code consumedAt} set to the store clock's instant, or empty when
     *     the code is unknown or expired (consumed or not)
     * @throws AlreadyConsumedException when the code was already consumed and is not expired; the
     *     exception carries the stored record (with its {@code grantId}) so the caller can revoke
     *     the grant (RFC 9700 §4.4)
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    @SingleWinner
    @StoreEvent(value = "code_replays",
            description = "Authorization-code replays detected (consume of a consumed code)",
            when = StoreEvent.When.REPLAYED)
    Optional<AuthorizationCode> consume(String code);

    /**
     * Erases subject {@code subject}: deletes every code issued to it, expired, consumed or not. Part of {@link OidcStore#eraseSubject}; joins the caller's
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
