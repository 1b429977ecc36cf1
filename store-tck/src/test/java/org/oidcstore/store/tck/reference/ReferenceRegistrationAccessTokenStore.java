package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.RegistrationAccessToken;
import org.oidcstore.store.RegistrationAccessTokenStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/**
 * Registration access tokens keyed by client id, each row holding the digest of the client's
 * token; a token value is unique across the table (expired rows included, until reclaimed).
 */
final class ReferenceRegistrationAccessTokenStore implements RegistrationAccessTokenStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.REGISTRATION_ACCESS_TOKENS;
    private static final Table<RegistrationAccessToken> TOKENS = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceRegistrationAccessTokenStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    private boolean live(RegistrationAccessToken row) {
        return row != null && !row.isExpiredAt(parts.now());
    }

    private boolean holds(RegistrationAccessToken row, String token) {
        return Arguments.isStorableId(token) && parts.digest().matches(KIND, token, row.token());
    }

    /** Whether a row of a client other than {@code clientId} holds {@code token}. */
    private boolean takenElsewhere(Map<String, RegistrationAccessToken> rows, String clientId, String token) {
        return rows.values().stream().anyMatch(r -> !r.clientId().equals(clientId) && holds(r, token));
    }

    @Override
    public void save(RegistrationAccessToken token) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(token.token(), "token value");
        data.run(() -> {
            Map<String, RegistrationAccessToken> rows = data.rows(TOKENS);
            if (live(rows.get(token.clientId())) || takenElsewhere(rows, token.clientId(), token.token())) {
                throw new DuplicateRecordException("the client has a live registration access token, or the value is taken");
            }
            rows.put(token.clientId(), new RegistrationAccessToken(token.clientId(),
                    parts.digest().digest(KIND, token.token()), token.createdAt(), token.expiresAt()));
        });
    }

    @Override
    public Optional<RegistrationAccessToken> findByClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return data.call(() -> Optional.ofNullable(data.rows(TOKENS).get(clientId)).filter(this::live)
                .map(RegistrationAccessToken::withoutToken));
    }

    @Override
    public boolean matches(String clientId, String token) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(token, "token");
        return data.call(() -> {
            RegistrationAccessToken row = data.rows(TOKENS).get(clientId);
            return live(row) && holds(row, token);
        });
    }

    @Override
    public void rotate(String oldToken, RegistrationAccessToken next) {
        Objects.requireNonNull(oldToken, "oldToken");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(next.token(), "next token value");
        data.run(() -> {
            Map<String, RegistrationAccessToken> rows = data.rows(TOKENS);
            RegistrationAccessToken row = rows.get(next.clientId());
            if (!live(row) || !holds(row, oldToken)) {
                throw new ConflictException("the presented registration access token is not the client's live one");
            }
            if (takenElsewhere(rows, next.clientId(), next.token())) {
                throw new DuplicateRecordException("another client's registration access token has this value");
            }
            rows.put(next.clientId(), new RegistrationAccessToken(next.clientId(),
                    parts.digest().digest(KIND, next.token()), next.createdAt(), next.expiresAt()));
        });
    }

    @Override
    public boolean delete(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return data.call(() -> live(data.rows(TOKENS).remove(clientId)));
    }

    @Override
    public void reclaim(Instant now) {
        data.rows(TOKENS).values().removeIf(t -> t.isExpiredAt(now));
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(TOKENS).size());
    }
}
