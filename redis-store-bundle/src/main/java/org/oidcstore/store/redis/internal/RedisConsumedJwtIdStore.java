package org.oidcstore.store.redis.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import redis.clients.jedis.params.SetParams;

/**
 * JWT-ID replay markers. The fast path is one {@code SET NX PX}: of several concurrent marks
 * exactly one creates the key. When the key exists, a script replaces it only if its stored expiry
 * is not after the store clock's instant (an expired marker that Redis has not dropped yet), so the
 * single winner is decided inside Redis in both paths.
 *
 * <p>Markers are written under the digest of the newest pepper. While peppers are rotated
 * ({@code oidc.store.secret-pepper=<new>,<old>}), a marker written under an older pepper still
 * counts: {@code isMarked} asks for it only when the newest digest has no live marker, and
 * {@code mark} looks for it (one GET per older pepper) before it marks, so a replay across the
 * rotation is refused. Older markers are never written again, so they can only disappear between
 * that GET and the mark, which makes the check safe without a multi-key script (the digests of one
 * JWT ID live in different Cluster slots). Only nodes still configured with the old pepper alone
 * could write one meanwhile: finish a rotation on every node before relying on it.
 */
public final class RedisConsumedJwtIdStore implements ConsumedJwtIdStore {
    static final String NAME = "consumed-jwt-ids";

    /** KEYS[1]; ARGV: now, new expiry, ttl. Replaces a marker whose expiry is not after now. */
    static final LuaScript JTI_REPLACE_EXPIRED = LuaChecks.checked("jti-replace-expired", LuaChecks.CORE, """
            local v = redis.call('GET', KEYS[1])
            if v and num(v) > tonumber(ARGV[1]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);

    /** The scripts of this kind, loaded at start ({@link RedisKinds#SCRIPTS}). */
    static final List<LuaScript> SCRIPTS = List.of(JTI_REPLACE_EXPIRED);

    private final EngineHolder holder;
    private final Clock clock;

    public RedisConsumedJwtIdStore(EngineHolder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
    }

    @Override
    public void mark(String jti, Instant expiresAt) {
        Arguments.id(jti, "jti");
        Instant now = clock.instant();
        Instant until = Arguments.futureInstant(expiresAt, "expiresAt", now);
        RedisEngine e = holder.get();
        List<String> digests = e.digest().digests(StoreKind.CONSUMED_JWT_IDS, jti);
        byte[] key = key(e.keys(), digests.get(0));
        byte[] value = Micros.bytes(until);
        // kept for the configured clock skew past the expiry: a node whose clock lags still sees it
        long ttl = Values.ttl(until.plus(e.jwtIdClockSkew()), now, Values.RECORD_TTL_FLOOR);
        boolean won = e.call(NAME, "mark", j -> {
            for (String older : digests.subList(1, digests.size())) {
                if (live(j.get(key(e.keys(), older)), now)) {
                    return false; // marked under an older pepper: a replay across the rotation
                }
            }
            if ("OK".equals(j.set(key, value, SetParams.setParams().nx().px(ttl)))) {
                return true;
            }
            return Values.num(RedisEngine.eval(j, JTI_REPLACE_EXPIRED, List.of(key),
                    List.of(Micros.bytes(now), value, Values.ascii(ttl)))) == 1;
        });
        if (!won) {
            throw new AlreadyConsumedException("this JWT ID is already marked as used (a replay)");
        }
    }

    @Override
    public boolean isMarked(String jti) {
        Objects.requireNonNull(jti, "jti");
        if (!Arguments.isStorableId(jti)) {
            return false; // never marked: and its digest could be a look-alike's (jti\uDC00 is jti?)
        }
        Instant now = clock.instant();
        RedisEngine e = holder.get();
        List<String> digests = e.digest().digests(StoreKind.CONSUMED_JWT_IDS, jti);
        return e.call(NAME, "isMarked", j -> {
            for (String d : digests) { // the newest first; the older ones only while it misses
                if (live(j.get(key(e.keys(), d)), now)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Whether a stored marker is live; a damaged marker fails, never reads as absent. */
    private static boolean live(byte[] marker, Instant now) {
        return marker != null && Expiry.isLive(Micros.parse(marker), now);
    }

    /** {@code P jti:<d>}: a string, the marker's expiry; {@code <d>} is the JWT ID's digest. */
    static byte[] key(RedisKeys keys, String digest) {
        return keys.key("jti:" + digest);
    }
}
