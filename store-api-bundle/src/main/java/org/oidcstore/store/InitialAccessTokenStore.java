package org.oidcstore.store;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.oidcstore.store.spi.SingleWinner;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Initial access tokens of dynamic client registration (RFC 7591 §3,
 * {@link StoreKind#INITIAL_ACCESS_TOKENS}); durable by default and outside the transactional
 * cluster.
 *
 * <p><b>Digests.</b> Tokens MUST be stored only as digests ({@code spi.SecretDigest}); lookups
 * digest the presented value, and presenting a stored digest MUST NOT match. No message names a
 * token.
 *
 * <p><b>Expiry: an exception to the shared rule.</b> Other kinds make an expired record absent.
 * Here {@link #find} returns an expired token as it is ({@link InitialAccessToken#isExpiredAt}), so
 * that the registration endpoint can tell the caller <em>why</em> its token is refused, and
 * {@link #use} refuses it with {@link ConflictException}; a token is expired at {@code expiresAt}
 * (inclusive) by the store's clock. A backend's reclamation (the JPA GC) deletes an expired token
 * only {@link #EXPIRED_RETENTION} after its expiry; from then on it is absent. A token without
 * {@code expiresAt} never expires and is never reclaimed: only {@link #delete} removes it.
 */
public interface InitialAccessTokenStore {

    /**
     * How long past its expiry an expired token is kept (and reported as expired) before a backend's
     * reclamation may delete it.
     */
    Duration EXPIRED_RETENTION = Duration.ofDays(7);

    /**
     * Stores an issued token.
     *
     * @param token a new token: {@code uses == 0} ({@link InitialAccessToken#issue})
     * @throws DuplicateRecordException when a token with the same value exists (expired or not);
     *     nothing is written
     * @throws IllegalArgumentException when {@code uses} is not 0; nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    void save(InitialAccessToken token);

    /**
     * Finds a token by bearer value, <b>expired and exhausted ones included</b> (see the type's
     * Javadoc), carrying the presented value and its current use count.
     *
     * @return the token; empty when it was never saved, was deleted, or was reclaimed
     */
    Optional<InitialAccessToken> find(String token);

    /**
     * Spends one use of the token, in one engine operation (a conditional increment that re-checks
     * expiry and the ceiling): of N concurrent calls on a token with {@code k} uses left, exactly
     * {@code k} win and the others are refused, so at the ceiling exactly one wins the last use.
     * Joins the caller's transaction when there is one (the registration that follows may commit
     * with it); without one it commits on its own.
     *
     * @return the use count after this call (this use included); empty when the token is absent
     * @throws ConflictException when the token is expired, or exhausted ({@code uses == maxUses});
     *     nothing changes. {@link #find} tells which.
     */
    @SingleWinner
    @StoreEvent(value = "initial_access_token_uses", description = "Registrations admitted by an initial access token",
            when = StoreEvent.When.COMMITTED, ifResult = "isPresent")
    @StoreEvent(value = "initial_access_token_refusals",
            description = "Uses of an expired or exhausted initial access token refused",
            when = StoreEvent.When.CONFLICTED)
    OptionalInt use(String token);

    /**
     * Deletes a token, expired or not. Idempotent.
     *
     * @return {@code true} when this call deleted it
     */
    boolean delete(String token);
}
