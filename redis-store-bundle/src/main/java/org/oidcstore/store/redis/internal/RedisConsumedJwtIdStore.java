package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Expiry;
import redis.clients.jedis.params.SetParams;

/**
 * JWT-ID replay markers. The fast path is one {@code SET NX PX}: of several concurrent marks
 * exactly one creates the key. When the key exists, a script replaces it only if its stored expiry
 * is not after the store clock's instant (an expired marker that Redis has not dropped yet), so the
 * single winner is decided inside Redis in both paths.
 */
public final class RedisConsumedJwtIdStore implements ConsumedJwtIdStore {
    static final String NAME = "consumed-jwt-ids";
    /**
     * How long Redis keeps a marker past its expiry, whatever the expiry: the clock skew between
     * provider nodes this tier tolerates (see {@link RedisKeys}). Reads still judge the stored
     * expiry, so the extra time never makes a marker live longer.
     */
    static final Duration MARKER_SKEW_ALLOWANCE = Duration.ofSeconds(60);

    private final EngineHolder holder;
    private final Clock clock;

    public RedisConsumedJwtIdStore(EngineHolder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
    }

    @Override
    public void mark(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt must be after the store clock's instant");
        }
        RedisEngine e = holder.get();
        byte[] key = e.keys().jti(e.digest().digest(StoreKind.CONSUMED_JWT_IDS, jti));
        byte[] value = Micros.bytes(expiresAt);
        long ttl = Values.ttl(expiresAt.plus(MARKER_SKEW_ALLOWANCE), now, Values.RECORD_TTL_FLOOR);
        boolean won = e.call(NAME, "mark", j -> {
            if ("OK".equals(j.set(key, value, SetParams.setParams().nx().px(ttl)))) {
                return true;
            }
            return Values.num(RedisEngine.eval(j, Scripts.JTI_REPLACE_EXPIRED, List.of(key),
                    List.of(Micros.bytes(now), value, Values.ascii(ttl)))) == 1;
        });
        if (!won) {
            throw new AlreadyConsumedException("this JWT ID is already marked as used (a replay)");
        }
    }

    @Override
    public boolean isMarked(String jti) {
        Objects.requireNonNull(jti, "jti");
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        byte[] key = e.keys().jti(e.digest().digest(StoreKind.CONSUMED_JWT_IDS, jti));
        return e.call(NAME, "isMarked", j -> {
            byte[] v = j.get(key);
            return v != null && Expiry.isLive(Micros.parse(v), now); // a damaged marker fails, never reads as absent
        });
    }
}
