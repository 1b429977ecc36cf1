package org.oidcstore.store.memory.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.spi.SecretDigest;

/**
 * JWT-ID replay markers, keyed by digest; one atomic {@code compute} decides each mark.
 *
 * <p>A marker's value is its expiry, which alone decides whether it is live; the map keeps the
 * entry until {@code expiresAt + skew}, so neither a sweep nor a read reclaims it while a provider
 * node whose clock lags by up to the skew allowance would still take the JWT as valid.
 */
final class MemoryConsumedJwtIdStore implements ConsumedJwtIdStore {
    private final ExpiringMap<Instant> markers;
    private final SecretDigest digest;
    private final Duration skew;

    static MemoryConsumedJwtIdStore of(MemoryParts p) {
        return new MemoryConsumedJwtIdStore(p.map(StoreKind.CONSUMED_JWT_IDS, null), p.shared().digest(),
                p.shared().jwtIdClockSkew());
    }

    MemoryConsumedJwtIdStore(ExpiringMap<Instant> markers, SecretDigest digest, Duration skew) {
        this.markers = markers;
        this.digest = digest;
        this.skew = skew;
    }

    private static boolean live(ExpiringMap.Entry<Instant> e, Instant now) {
        return e != null && Expiry.isLive(e.value(), now);
    }

    @Override
    public void mark(String jti, Instant expiresAt) {
        Arguments.id(jti, "jti");
        Instant now = markers.now();
        Instant exp = Arguments.futureInstant(expiresAt, "expiresAt", now);
        List<String> keys = digest.digests(StoreKind.CONSUMED_JWT_IDS, jti);
        markers.compute(keys.get(0), (k, old) -> {
            if (live(old, now) || liveUnderOlderPepper(keys, now)) {
                throw new AlreadyConsumedException("JWT ID already used (replay)");
            }
            return new ExpiringMap.Entry<>(exp, exp.plus(skew));
        });
    }

    /**
     * Whether a marker digested with an older pepper of the list is live. Runs inside the atomic
     * section of the newest pepper's key, where every mark of this store for the id is decided, and
     * only reads the other keys (a plain {@code get}: no nested atomic section).
     */
    private boolean liveUnderOlderPepper(List<String> keys, Instant now) {
        for (int i = 1; i < keys.size(); i++) {
            if (live(markers.getAny(keys.get(i)), now)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isMarked(String jti) {
        if (!Arguments.isStorableId(Objects.requireNonNull(jti, "jti"))) {
            return false; // never marked: mark refuses it
        }
        Instant now = markers.now();
        for (String key : digest.digests(StoreKind.CONSUMED_JWT_IDS, jti)) {
            if (live(markers.getLive(key, now), now)) {
                return true;
            }
        }
        return false;
    }
}
