package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/** Codes keyed by their digest; the stored record carries the digest in place of the code. */
final class ReferenceAuthorizationCodeStore implements AuthorizationCodeStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.AUTHORIZATION_CODES;
    private static final Table<AuthorizationCode> CODES = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceAuthorizationCodeStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        if (code.isConsumed()) {
            throw new IllegalArgumentException("a newly issued authorization code must not be consumed");
        }
        data.run(() -> {
            Map<String, AuthorizationCode> rows = data.rows(CODES);
            if (parts.keyOf(rows, KIND, code.code()) != null) {
                throw new DuplicateRecordException("an authorization code with this value exists");
            }
            String key = parts.digest().digest(KIND, code.code());
            rows.put(key, code.withCode(key));
        });
    }

    @Override
    public Optional<AuthorizationCode> find(String code) {
        Objects.requireNonNull(code, "code");
        return data.call(() -> {
            Map<String, AuthorizationCode> rows = data.rows(CODES);
            String key = parts.keyOf(rows, KIND, code);
            AuthorizationCode stored = key == null ? null : rows.get(key);
            return stored == null || stored.isExpiredAt(parts.now()) ? Optional.empty()
                    : Optional.of(stored.withCode(code));
        });
    }

    @Override
    public Optional<AuthorizationCode> consume(String code) {
        Objects.requireNonNull(code, "code");
        return data.call(() -> {
            Map<String, AuthorizationCode> rows = data.rows(CODES);
            String key = parts.keyOf(rows, KIND, code);
            AuthorizationCode stored = key == null ? null : rows.get(key);
            Instant now = parts.now();
            if (stored == null || stored.isExpiredAt(now)) {
                return Optional.empty(); // expired beats consumed: never reported as a replay
            }
            if (stored.isConsumed()) {
                throw new AlreadyConsumedException("authorization code already used (replay); revoke its grant",
                        stored.withCode(code));
            }
            AuthorizationCode consumed = stored.withConsumedAt(now);
            rows.put(key, consumed);
            return Optional.of(consumed.withCode(code));
        });
    }

    /** Every record of the subject, expired ones included, counted. */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.erase(CODES, r -> subject.equals(r.subject()), r -> true);
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(CODES).size());
    }
}
