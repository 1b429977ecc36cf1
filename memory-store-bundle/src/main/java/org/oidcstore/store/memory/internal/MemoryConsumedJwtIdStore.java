package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.Objects;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SecretDigest;

/** JWT-ID replay markers, keyed by digest; one atomic {@code compute} decides each mark. */
final class MemoryConsumedJwtIdStore implements ConsumedJwtIdStore {
    private final ExpiringMap<Boolean> markers;
    private final SecretDigest digest;

    MemoryConsumedJwtIdStore(ExpiringMap<Boolean> markers, SecretDigest digest) {
        this.markers = markers;
        this.digest = digest;
    }

    @Override
    public void mark(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = markers.now();
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("a JWT-ID marker must expire after now; expiresAt=" + expiresAt);
        }
        markers.compute(digest.digest(StoreKind.CONSUMED_JWT_IDS, jti), (k, old) -> {
            if (old != null && old.liveAt(now)) {
                throw new AlreadyConsumedException("JWT ID already used (replay)");
            }
            return new ExpiringMap.Entry<>(Boolean.TRUE, expiresAt);
        });
    }

    @Override
    public boolean isMarked(String jti) {
        Objects.requireNonNull(jti, "jti");
        return markers.getLive(digest.digest(StoreKind.CONSUMED_JWT_IDS, jti), markers.now()) != null;
    }
}
