package org.oidcstore.store.tck.reference;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AuthorizationContext;
import org.oidcstore.store.AuthorizationContextStore;
import org.oidcstore.store.Limits;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/**
 * Authorization contexts keyed by grant id, each with the digest of the ID token bound to it (or
 * {@code null}). A lookup by ID token scans the rows: the reference backend states the rules, an
 * engine indexes the digest. Expired contexts are kept until purged, as on the durable tier.
 */
final class ReferenceAuthorizationContextStore implements AuthorizationContextStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.AUTHORIZATION_CONTEXTS;
    private static final Table<Row> CONTEXTS = new Table<>(KIND.configName());

    /** One stored context and the digest of its ID token. */
    record Row(AuthorizationContext context, String idTokenDigest) {
    }

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceAuthorizationContextStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(AuthorizationContext context, String idToken) {
        Objects.requireNonNull(context, "context");
        if (idToken != null) {
            Arguments.token(idToken, "idToken", Limits.MAX_ID_TOKEN_LENGTH);
        }
        data.run(() -> {
            Map<String, Row> rows = data.rows(CONTEXTS);
            String digest;
            if (idToken == null) {
                Row previous = rows.get(context.grantId());
                digest = previous == null || previous.context().isExpiredAt(parts.now()) ? null : previous.idTokenDigest();
            } else {
                digest = parts.digest().digest(KIND, idToken);
                rows.replaceAll((grantId, row) -> row.idTokenDigest() != null
                        && parts.digest().matches(KIND, idToken, row.idTokenDigest()) ? new Row(row.context(), null) : row);
            }
            rows.put(context.grantId(), new Row(context, digest));
        });
    }

    @Override
    public Optional<AuthorizationContext> find(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return data.call(() -> Optional.ofNullable(data.rows(CONTEXTS).get(grantId)).map(Row::context)
                .filter(c -> !c.isExpiredAt(parts.now())));
    }

    @Override
    public Optional<AuthorizationContext> findByIdToken(String idToken) {
        Objects.requireNonNull(idToken, "idToken");
        if (!Arguments.isStorableToken(idToken, Limits.MAX_ID_TOKEN_LENGTH)) {
            return Optional.empty();
        }
        return data.call(() -> data.rows(CONTEXTS).values().stream()
                .filter(r -> r.idTokenDigest() != null && parts.digest().matches(KIND, idToken, r.idTokenDigest()))
                .map(Row::context).filter(c -> !c.isExpiredAt(parts.now())).findFirst());
    }

    @Override
    public boolean delete(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return data.call(() -> {
            Row removed = data.rows(CONTEXTS).remove(grantId);
            return removed != null && !removed.context().isExpiredAt(parts.now());
        });
    }

    /** Every context of the subject, expired ones included, all counted (a durable kind). */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.erase(CONTEXTS, r -> subject.equals(r.context().subject()), r -> true);
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(CONTEXTS).size());
    }
}
