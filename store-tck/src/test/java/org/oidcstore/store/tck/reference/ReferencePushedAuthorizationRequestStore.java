package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.ValueSize;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/**
 * Pushed requests keyed by the digest of their request URI. A request lasts until
 * {@code expiresAt + CONSUME_GRACE}, consumed or not: until then a consumed one tells a replay from
 * a request that never existed; after it, the request is gone for every operation.
 */
final class ReferencePushedAuthorizationRequestStore implements PushedAuthorizationRequestStore, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.PUSHED_AUTHORIZATION_REQUESTS;

    /** A stored request (its URI replaced by the digest) and whether it was used. */
    record Par(PushedAuthorizationRequest request, boolean consumed) {
        boolean goneAt(Instant now) {
            return !now.isBefore(request.expiresAt().plus(CONSUME_GRACE));
        }
    }

    private static final Table<Par> REQUESTS = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferencePushedAuthorizationRequestStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(PushedAuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        parts.checkSize(ValueSize.of(request), KIND);
        data.run(() -> {
            Map<String, Par> rows = data.rows(REQUESTS);
            String existing = parts.keyOf(rows, KIND, request.requestUri());
            if (existing != null && !rows.get(existing).goneAt(parts.now())) {
                throw new DuplicateRecordException("a pushed authorization request with this request URI exists");
            }
            if (existing != null) {
                rows.remove(existing); // gone: its URI may be pushed again
            }
            String key = parts.digest().digest(KIND, request.requestUri());
            rows.put(key, new Par(request.withRequestUri(key), false));
        });
    }

    @Override
    public Optional<PushedAuthorizationRequest> find(String requestUri) {
        Objects.requireNonNull(requestUri, "requestUri");
        return data.call(() -> {
            Map<String, Par> rows = data.rows(REQUESTS);
            String key = parts.keyOf(rows, KIND, requestUri);
            Par p = key == null ? null : rows.get(key);
            return p == null || p.consumed() || p.request().isExpiredAt(parts.now()) ? Optional.empty()
                    : Optional.of(p.request().withRequestUri(requestUri));
        });
    }

    /** Ignores {@code expiresAt} within {@code CONSUME_GRACE}, so that a slow login completes. */
    @Override
    public Optional<PushedAuthorizationRequest> consume(String requestUri) {
        Objects.requireNonNull(requestUri, "requestUri");
        return data.call(() -> {
            Map<String, Par> rows = data.rows(REQUESTS);
            String key = parts.keyOf(rows, KIND, requestUri);
            Par p = key == null ? null : rows.get(key);
            if (p == null || p.goneAt(parts.now())) {
                return Optional.empty();
            }
            if (p.consumed()) {
                throw new AlreadyConsumedException("pushed authorization request already used (replay)");
            }
            rows.put(key, new Par(p.request(), true));
            return Optional.of(p.request().withRequestUri(requestUri));
        });
    }

    @Override
    public void reclaim(Instant now) {
        data.rows(REQUESTS).values().removeIf(p -> p.goneAt(now));
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(REQUESTS).size());
    }
}
