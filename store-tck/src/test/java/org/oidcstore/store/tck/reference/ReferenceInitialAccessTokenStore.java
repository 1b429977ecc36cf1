package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.InitialAccessToken;
import org.oidcstore.store.InitialAccessTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/** Initial access tokens keyed by their digest; expired ones are kept for the retention, then reclaimed. */
final class ReferenceInitialAccessTokenStore implements InitialAccessTokenStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.INITIAL_ACCESS_TOKENS;
    private static final Table<InitialAccessToken> TOKENS = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceInitialAccessTokenStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(InitialAccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.uses() != 0) {
            throw new IllegalArgumentException("a new initial access token must not have been used");
        }
        data.run(() -> {
            Map<String, InitialAccessToken> rows = data.rows(TOKENS);
            if (parts.keyOf(rows, KIND, token.token()) != null) {
                throw new DuplicateRecordException("an initial access token with this value exists");
            }
            String key = parts.digest().digest(KIND, token.token());
            rows.put(key, token.withToken(key));
        });
    }

    @Override
    public Optional<InitialAccessToken> find(String token) {
        Objects.requireNonNull(token, "token");
        return data.call(() -> {
            Map<String, InitialAccessToken> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, token);
            return key == null ? Optional.empty() : Optional.of(rows.get(key).withToken(token));
        });
    }

    @Override
    public OptionalInt use(String token) {
        Objects.requireNonNull(token, "token");
        return data.call(() -> {
            Map<String, InitialAccessToken> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, token);
            if (key == null) {
                return OptionalInt.empty();
            }
            InitialAccessToken stored = rows.get(key);
            if (stored.isExpiredAt(parts.now())) {
                throw new ConflictException("initial access token expired");
            }
            if (stored.isExhausted()) {
                throw new ConflictException("initial access token has no use left");
            }
            rows.put(key, stored.withUses(stored.uses() + 1));
            return OptionalInt.of(stored.uses() + 1);
        });
    }

    @Override
    public boolean delete(String token) {
        Objects.requireNonNull(token, "token");
        return data.call(() -> {
            Map<String, InitialAccessToken> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, token);
            return key != null && rows.remove(key) != null;
        });
    }

    @Override
    public void reclaim(Instant now) {
        data.rows(TOKENS).values().removeIf(t -> t.expiresAt() != null
                && !now.isBefore(t.expiresAt().plus(EXPIRED_RETENTION)));
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(TOKENS).size());
    }
}
