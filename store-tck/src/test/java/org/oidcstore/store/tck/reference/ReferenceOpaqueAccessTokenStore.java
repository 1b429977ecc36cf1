package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.OpaqueAccessTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/** Opaque access tokens keyed by their digest. */
final class ReferenceOpaqueAccessTokenStore implements OpaqueAccessTokenStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.OPAQUE_ACCESS_TOKENS;
    private static final Table<OpaqueAccessToken> TOKENS = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceOpaqueAccessTokenStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(OpaqueAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.revoked()) {
            throw new IllegalArgumentException("a newly issued access token must not be revoked");
        }
        data.run(() -> {
            Map<String, OpaqueAccessToken> rows = data.rows(TOKENS);
            if (parts.keyOf(rows, KIND, token.token()) != null) {
                throw new DuplicateRecordException("an access token with this value exists");
            }
            String key = parts.digest().digest(KIND, token.token());
            rows.put(key, token.withToken(key));
        });
    }

    @Override
    public Optional<OpaqueAccessToken> find(String token) {
        Objects.requireNonNull(token, "token");
        return data.call(() -> {
            Map<String, OpaqueAccessToken> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, token);
            OpaqueAccessToken stored = key == null ? null : rows.get(key);
            return stored == null || stored.isExpiredAt(parts.now()) ? Optional.empty()
                    : Optional.of(stored.withToken(token));
        });
    }

    @Override
    public boolean revoke(String token) {
        Objects.requireNonNull(token, "token");
        return data.call(() -> {
            Map<String, OpaqueAccessToken> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, token);
            OpaqueAccessToken stored = key == null ? null : rows.get(key);
            if (stored == null || stored.isExpiredAt(parts.now()) || stored.revoked()) {
                return false;
            }
            rows.put(key, stored.withRevoked(true));
            return true;
        });
    }

    /** Reaches expired tokens too. */
    @Override
    public int revokeByGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return data.call(() -> {
            int revoked = 0;
            for (Map.Entry<String, OpaqueAccessToken> e : data.rows(TOKENS).entrySet()) {
                if (grantId.equals(e.getValue().grantId()) && !e.getValue().revoked()) {
                    e.setValue(e.getValue().withRevoked(true));
                    revoked++;
                }
            }
            return revoked;
        });
    }

    @Override
    public int revokeByClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return data.call(() -> {
            int revoked = 0;
            for (Map.Entry<String, OpaqueAccessToken> e : data.rows(TOKENS).entrySet()) {
                if (clientId.equals(e.getValue().clientId()) && !e.getValue().revoked()) {
                    e.setValue(e.getValue().withRevoked(true));
                    revoked++;
                }
            }
            return revoked;
        });
    }

    @Override
    public int purgeExpired(Instant cutoff) {
        return data.call(() -> {
            Instant until = Arguments.pastCutoff(cutoff, parts.now());
            Map<String, OpaqueAccessToken> rows = data.rows(TOKENS);
            int before = rows.size();
            rows.values().removeIf(t -> Expiry.isExpired(t.expiresAt(), until));
            return before - rows.size();
        });
    }

    /** Every record of the subject, expired ones included, counted. */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.erase(TOKENS, r -> subject.equals(r.subject()), r -> true);
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(TOKENS).size());
    }
}
