package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/** Grant tombstones by grant id, and the JWT-ID denylist (expiry by digest). Every write only widens. */
final class ReferenceGrantRevocationStore implements GrantRevocationStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.GRANT_REVOCATIONS;

    /** A grant's tombstone: tokens issued at or before {@code revokedAt} are revoked until {@code retainUntil}. */
    record Tombstone(Instant revokedAt, Instant retainUntil) {
    }

    private static final Table<Tombstone> TOMBSTONES = new Table<>(KIND.configName() + "/grants");
    private static final Table<Instant> DENIED = new Table<>(KIND.configName() + "/jwt-ids");

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceGrantRevocationStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void revokeGrant(String grantId, Instant revokedAt, Instant retainUntil) {
        Arguments.id(grantId, "grantId");
        Instant at = Arguments.requiredInstant(revokedAt, "revokedAt");
        Instant until = Arguments.requiredInstant(retainUntil, "retainUntil");
        if (until.isBefore(at)) {
            throw new IllegalArgumentException("retainUntil must not be before revokedAt");
        }
        data.run(() -> data.rows(TOMBSTONES).merge(grantId, new Tombstone(at, until),
                (old, given) -> new Tombstone(later(old.revokedAt(), given.revokedAt()),
                        later(old.retainUntil(), given.retainUntil()))));
    }

    @Override
    public void revokeJti(String jti, Instant expiresAt) {
        Arguments.id(jti, "jti");
        Instant exp = Arguments.requiredInstant(expiresAt, "expiresAt");
        data.run(() -> {
            Map<String, Instant> rows = data.rows(DENIED);
            String key = parts.keyOf(rows, KIND, jti);
            if (key == null) {
                rows.put(parts.digest().digest(KIND, jti), exp);
            } else {
                rows.put(key, later(rows.get(key), exp));
            }
        });
    }

    /**
     * Denylists a JWT ID known only by its access-token digest ({@code digest(ACCESS_TOKENS, jti)}:
     * the key of its access-token row) until {@code expiresAt}, widening an existing entry; what
     * erasing a subject leaves of its live JWTs. {@link #isRevoked} looks up both digests.
     */
    static void denyAccessTokenDigest(ReferenceData data, String accessTokenDigest, Instant expiresAt) {
        data.run(() -> data.rows(DENIED).merge(accessTokenDigest, expiresAt, ReferenceGrantRevocationStore::later));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public boolean isRevoked(String grantId, String jti, Instant issuedAt) {
        Instant issued = Arguments.requiredInstant(issuedAt, "issuedAt");
        return data.call(() -> {
            Instant now = parts.now();
            if (jti != null) {
                Map<String, Instant> denied = data.rows(DENIED);
                for (StoreKind domain : List.of(KIND, StoreKind.ACCESS_TOKENS)) {
                    String key = parts.keyOf(denied, domain, jti);
                    if (key != null && Expiry.isLive(denied.get(key), now)) {
                        return true;
                    }
                }
            }
            Tombstone t = grantId == null ? null : data.rows(TOMBSTONES).get(grantId);
            return t != null && Expiry.isLive(t.retainUntil(), now) && !issued.isAfter(t.revokedAt());
        });
    }

    @Override
    public int purge(Instant cutoff) {
        return data.call(() -> {
            Instant until = Arguments.pastCutoff(cutoff, parts.now());
            Map<String, Tombstone> tombstones = data.rows(TOMBSTONES);
            Map<String, Instant> denied = data.rows(DENIED);
            int before = tombstones.size() + denied.size();
            tombstones.values().removeIf(t -> Expiry.isExpired(t.retainUntil(), until));
            denied.values().removeIf(exp -> Expiry.isExpired(exp, until));
            return before - tombstones.size() - denied.size();
        });
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(TOMBSTONES).size() + data.rows(DENIED).size());
    }
}
