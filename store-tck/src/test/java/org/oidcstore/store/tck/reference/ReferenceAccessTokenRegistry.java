package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AccessTokenRegistry;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/** Shadow rows of JWT access tokens keyed by the digest of their JWT ID. */
final class ReferenceAccessTokenRegistry implements AccessTokenRegistry, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.ACCESS_TOKENS;
    private static final Table<JwtAccessToken> TOKENS = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceAccessTokenRegistry(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void register(JwtAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.revoked()) {
            throw new IllegalArgumentException("a newly issued access token must not be revoked");
        }
        data.run(() -> {
            Map<String, JwtAccessToken> rows = data.rows(TOKENS);
            if (parts.keyOf(rows, KIND, token.jti()) != null) {
                throw new DuplicateRecordException("an access token with this JWT ID is registered already");
            }
            String key = parts.digest().digest(KIND, token.jti());
            rows.put(key, token.withJti(key));
        });
    }

    @Override
    public Optional<JwtAccessToken> find(String jti) {
        Objects.requireNonNull(jti, "jti");
        return data.call(() -> {
            Map<String, JwtAccessToken> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, jti);
            JwtAccessToken stored = key == null ? null : rows.get(key);
            return stored == null || stored.isExpiredAt(parts.now()) ? Optional.empty()
                    : Optional.of(stored.withJti(jti));
        });
    }

    @Override
    public boolean revoke(String jti) {
        Objects.requireNonNull(jti, "jti");
        return data.call(() -> {
            Map<String, JwtAccessToken> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, jti);
            JwtAccessToken stored = key == null ? null : rows.get(key);
            if (stored == null || stored.isExpiredAt(parts.now()) || stored.revoked()) {
                return false;
            }
            rows.put(key, stored.withRevoked(true));
            return true;
        });
    }

    /** Reaches expired rows too. */
    @Override
    public int revokeByGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return data.call(() -> {
            int revoked = 0;
            for (Map.Entry<String, JwtAccessToken> e : data.rows(TOKENS).entrySet()) {
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
            for (Map.Entry<String, JwtAccessToken> e : data.rows(TOKENS).entrySet()) {
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
            Map<String, JwtAccessToken> rows = data.rows(TOKENS);
            int before = rows.size();
            rows.values().removeIf(t -> Expiry.isExpired(t.expiresAt(), until));
            return before - rows.size();
        });
    }

    /**
     * Denylists the JWT ID of every unexpired row of the subject (revoked ones too: the row's flag,
     * the only record of such a revocation, goes with the row) until its expiry, then deletes every
     * row of the subject; one step. The row's key is the JWT ID's digest for this kind, and that is
     * what the denylist receives ({@link ReferenceGrantRevocationStore#denyAccessTokenDigest}).
     */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.call(() -> {
            Instant now = parts.now();
            for (Map.Entry<String, JwtAccessToken> e : data.rows(TOKENS).entrySet()) {
                if (subject.equals(e.getValue().subject()) && !e.getValue().isExpiredAt(now)) {
                    ReferenceGrantRevocationStore.denyAccessTokenDigest(data, e.getKey(), e.getValue().expiresAt());
                }
            }
            return data.erase(TOKENS, t -> subject.equals(t.subject()), t -> true);
        });
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(TOKENS).size());
    }
}
