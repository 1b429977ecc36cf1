package org.oidcstore.store;

import java.util.Optional;
import org.oidcstore.store.spi.SingleWinner;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Registration access tokens (RFC 7592, {@link StoreKind#REGISTRATION_ACCESS_TOKENS}): at most one
 * live token per client; durable by default and outside the transactional cluster.
 *
 * <p><b>Digests.</b> Tokens MUST be stored only as digests ({@code spi.SecretDigest}); a stored
 * digest presented as a token MUST NOT match, and no record read back and no message carries a
 * token value. Two clients never hold the same token value.
 *
 * <p><b>Expiry.</b> A token with {@code expiresAt} is expired at that instant (inclusive) by the
 * store's clock and is then absent for every operation, as for other kinds; its row is left to the
 * backend's reclamation, and a new token may be {@linkplain #save saved} for the client at once.
 *
 * <p><b>Rotation</b> is a compare-and-swap ({@link #rotate}): the client's live token is replaced
 * only when it is still the one presented, so of concurrent rotations from one token exactly one
 * wins, and a stale token (already rotated away) can never rotate again.
 */
public interface RegistrationAccessTokenStore {

    /**
     * Stores the first token of a client (at registration). Of concurrent saves for one client
     * exactly one wins; a client whose token expired may be given a new one.
     *
     * @param token carrying its bearer value
     * @throws DuplicateRecordException when the client already has a live token (use
     *     {@link #rotate}), or another client's token has the same value; nothing is written
     * @throws NullPointerException when {@code token.token()} is null; nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    @SingleWinner
    void save(RegistrationAccessToken token);

    /**
     * The live token of a client, <b>without</b> its bearer value ({@code token() == null}).
     *
     * @return empty when the client has no token, or its token expired
     */
    Optional<RegistrationAccessToken> findByClient(String clientId);

    /**
     * Authenticates a request of the client configuration endpoint: whether {@code token} is the
     * live token of {@code clientId} (digest compared in constant time). Another client's token,
     * an expired one or a rotated-away one does not match.
     */
    boolean matches(String clientId, String token);

    /**
     * Replaces the client's live token with {@code next} only if it is still {@code oldToken}, in one
     * engine operation: of N concurrent rotations from the same old token exactly one wins.
     *
     * @param oldToken the token the request presented
     * @param next the new token of the same client ({@code next.clientId()}), carrying its bearer value
     * @throws ConflictException when the client's live token is not {@code oldToken} (stale: rotated
     *     already), or the client has no live token; nothing is written
     * @throws DuplicateRecordException when another client's token has {@code next}'s value;
     *     nothing is written
     */
    @SingleWinner
    @StoreEvent(value = "registration_token_rotations", description = "Registration access tokens rotated",
            when = StoreEvent.When.COMMITTED)
    @StoreEvent(value = "registration_token_stale_rotations",
            description = "Rotations refused because the presented registration access token was not the live one",
            when = StoreEvent.When.CONFLICTED)
    void rotate(String oldToken, RegistrationAccessToken next);

    /**
     * Deletes the client's token, expired or not (when its registration is deleted). Idempotent.
     *
     * @return {@code true} when this call deleted a live token
     */
    boolean delete(String clientId);
}
