package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/**
 * JWT-ID markers: the expiry of each, by the digest of the id. A marker is live until its expiry
 * by the store's clock, and kept until {@code expiry + jwtIdClockSkew}, so a node whose clock lags
 * by up to the allowance still sees it.
 */
final class ReferenceConsumedJwtIdStore implements ConsumedJwtIdStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.CONSUMED_JWT_IDS;
    private static final Table<Instant> MARKERS = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceConsumedJwtIdStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void mark(String jti, Instant expiresAt) {
        Arguments.id(jti, "jti");
        data.run(() -> {
            Instant now = parts.now();
            Instant exp = Arguments.futureInstant(expiresAt, "expiresAt", now);
            Map<String, Instant> rows = data.rows(MARKERS);
            List<String> keys = parts.digest().digests(KIND, jti);
            if (keys.stream().anyMatch(k -> rows.containsKey(k) && Expiry.isLive(rows.get(k), now))) {
                throw new AlreadyConsumedException("JWT ID already used (replay)");
            }
            rows.put(keys.get(0), exp); // replaces an expired marker
        });
    }

    @Override
    public boolean isMarked(String jti) {
        Objects.requireNonNull(jti, "jti");
        if (!Arguments.isStorableId(jti)) {
            return false; // mark refuses it, so it was never marked
        }
        return data.call(() -> {
            Map<String, Instant> rows = data.rows(MARKERS);
            return parts.digest().digests(KIND, jti).stream()
                    .anyMatch(k -> rows.containsKey(k) && Expiry.isLive(rows.get(k), parts.now()));
        });
    }

    @Override
    public void reclaim(Instant now) {
        data.rows(MARKERS).values().removeIf(exp -> Expiry.isExpired(exp.plus(parts.jwtIdClockSkew()), now));
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(MARKERS).size());
    }
}
