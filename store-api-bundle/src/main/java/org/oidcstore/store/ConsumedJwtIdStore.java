package org.oidcstore.store;

import java.time.Instant;
import org.oidcstore.store.spi.SingleWinner;
import org.oidcstore.store.spi.StoreEvent;

/**
 * Replay markers for JWT IDs ({@link StoreKind#CONSUMED_JWT_IDS}): request objects, client
 * assertions (RFC 7523), DPoP proofs (RFC 9449). Volatile by default.
 *
 * <p>Callers namespace their identifiers so that surfaces never collide, e.g.
 * {@code dpop:<jkt>:<jti>} or {@code client-assertion:<client_id>:<jti>}. Identifiers are stored
 * only as digests. A marker is live until {@code expiresAt} (exclusive: expired at that instant, by
 * the store's clock), and an expired marker is replaced by a new mark. Backends never evict a live
 * marker to make room: a full store refuses new marks with {@link StoreUnavailableException}
 * (which the caller must treat as a rejection, never as "not a replay").
 *
 * <p><b>Which expiry to mark with.</b> Mark with the JWT's {@code exp} <em>plus the leeway your
 * JWT validation allows</em>: a JWT accepted up to {@code exp + leeway} must stay marked that long.
 *
 * <p><b>Clock skew between provider nodes.</b> Every backend keeps a marker for the configured
 * skew allowance ({@code oidc.store.jwt-id-clock-skew}, default 60 s,
 * {@link org.oidcstore.store.spi.StoreSettings}) past its expiry before it may reclaim it, so a
 * provider node whose clock lags by up to that much still sees the marker while, by its own clock,
 * the JWT is still valid. Liveness itself is always judged by the reading node's clock.
 */
public interface ConsumedJwtIdStore {

    /**
     * Marks {@code jti} as used until {@code expiresAt}, atomically in the engine: of several
     * concurrent marks of the same id exactly one succeeds.
     *
     * @throws AlreadyConsumedException when a live marker exists (a replay); carries no record
     * @throws IllegalArgumentException when {@code jti} is not a storable identifier ({@link Limits}:
     *     blank, control characters, lone surrogates…) or {@code expiresAt} is not after the store
     *     clock's instant or outside {@link Limits}; nothing is written
     * @throws StoreUnavailableException when the engine cannot be reached or the store is full
     */
    @SingleWinner
    @StoreEvent(value = "jti_replays", description = "JWT-ID replays blocked (mark of a live marker)",
            when = StoreEvent.When.REPLAYED)
    void mark(String jti, Instant expiresAt);

    /**
     * Whether a live marker exists for {@code jti}; {@code false} for an identifier that could
     * never have been marked.
     */
    boolean isMarked(String jti);
}
