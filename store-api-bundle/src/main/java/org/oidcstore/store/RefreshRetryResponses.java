package org.oidcstore.store;

import java.time.Instant;
import java.util.Optional;
import org.oidcstore.store.spi.SingleWinner;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Rotation grace for refresh tokens: a client whose token response got lost (a mobile client
 * losing its connection after the provider rotated) presents its old refresh token again and gets
 * the same response back, instead of having its chain revoked as a replay. An optional extension of
 * {@link StoreKind#REFRESH_TOKENS}: a backend offers it only when it can write the successor and
 * the response in one atomic step; {@link OidcStore#refreshRetryResponses()} tells whether the
 * routed backend does.
 *
 * <p><b>Provider flow.</b> Rotation: {@code consume(old)} then
 * {@link #saveWithRetryResponse saveWithRetryResponse(successor, old, sealedResponse, until)} in
 * one transaction, where {@code sealedResponse} is the token response the provider sends, already
 * sealed (encrypted) by the provider. Presentation of {@code old} again: {@code consume(old)} raises
 * {@link AlreadyConsumedException}; the provider then calls {@link #findRetryResponse(String)} and,
 * when it is present, answers with the unsealed response; when it is empty the presentation is a
 * replay and the provider revokes the chain (RFC 9700 §4.14.2) as before.
 *
 * <p><b>Secrecy.</b> The response holds bearer tokens. The provider seals it; the store MUST seal it
 * again under its own pepper-derived key ({@code SecretDigest.sealBytes}) before it reaches a
 * column or key, and keys it by the digest of the predecessor: no raw response or token is ever
 * written.
 */
public interface RefreshRetryResponses extends RefreshTokenStore {

    /** Upper bound of a retry response any backend accepts (64 KiB). */
    int MAX_RESPONSE_BYTES = 65_536;

    /**
     * Stores {@code successor} exactly as {@link #save(RefreshToken, String) save(successor,
     * parentToken)} does, and in the same atomic step stores {@code sealedResponse} keyed by the
     * digest of {@code parentToken}, retained until {@code retainUntil} but never past the parent's
     * {@code expiresAt} (the earlier of the two). Both writes happen or neither does: every failure
     * of the save (revoked parent, a second successor, bad input) writes no response, and a caller's
     * transaction that rolls back takes both away. Of several concurrent calls for one parent exactly
     * one stores its successor and its response.
     *
     * @throws AlreadyConsumedException as {@code save}
     * @throws DuplicateRecordException as {@code save}
     * @throws IllegalArgumentException as {@code save}; also when {@code parentToken} is
     *     {@code null} (a chain root has no predecessor to retry), {@code sealedResponse} is
     *     {@code null}, empty or longer than {@link #MAX_RESPONSE_BYTES}, or {@code retainUntil}
     *     is {@code null}
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    @SingleWinner
    @StoreEvent(value = "refresh_rotations", description = "Refresh-token rotations (committed successor saves)",
            when = StoreEvent.When.COMMITTED)
    void saveWithRetryResponse(RefreshToken successor, String parentToken, byte[] sealedResponse, Instant retainUntil);

    /**
     * The response stored by the rotation of {@code parentToken}, when it may be served again. It
     * is present only while all of these hold by the store's clock: the parent is not expired and
     * the retention has not passed; the parent's successor exists and is neither consumed nor
     * revoked (a client that used its successor got the response, so presenting the parent again is
     * a replay); no token of the chain is revoked. Otherwise it is empty and the caller treats the
     * presentation as a replay. Reading changes nothing and may be repeated.
     *
     * @return a copy of the sealed response as given to {@link #saveWithRetryResponse}
     * @throws StoreUnavailableException when the engine cannot be reached
     */
    @StoreEvent(value = "refresh_grace_hits",
            description = "Lost refresh responses served again within the predecessor's life (rotation grace)",
            when = StoreEvent.When.RETURNED, ifResult = "isPresent")
    Optional<byte[]> findRetryResponse(String parentToken);
}
