package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.SecretDigest;

/**
 * Pushed requests keyed by the digest of their request URI. An entry lives until
 * {@code expiresAt + CONSUME_GRACE}; consuming it turns it into a consumed marker with the same
 * lifetime, so a replay is told apart from a request that never existed.
 */
final class MemoryPushedAuthorizationRequestStore implements PushedAuthorizationRequestStore {

    /** The stored request (its URI replaced by the digest) and whether it was used. */
    record Par(PushedAuthorizationRequest request, boolean consumed) {
    }

    private final ExpiringMap<Par> requests;
    private final SecretDigest digest;

    MemoryPushedAuthorizationRequestStore(ExpiringMap<Par> requests, SecretDigest digest) {
        this.requests = requests;
        this.digest = digest;
    }

    private String key(String requestUri) {
        return digest.digest(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, Objects.requireNonNull(requestUri, "requestUri"));
    }

    @Override
    public void save(PushedAuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = requests.now();
        String key = key(request.requestUri());
        requests.compute(key, (k, old) -> {
            if (old != null && old.liveAt(now)) {
                throw new DuplicateRecordException("a pushed authorization request with this request URI exists");
            }
            return new ExpiringMap.Entry<>(new Par(request.withRequestUri(key), false),
                    request.expiresAt().plus(CONSUME_GRACE));
        });
    }

    @Override
    public Optional<PushedAuthorizationRequest> find(String requestUri) {
        Instant now = requests.now();
        ExpiringMap.Entry<Par> e = requests.getLive(key(requestUri), now);
        if (e == null || e.value().consumed() || e.value().request().isExpiredAt(now)) {
            return Optional.empty();
        }
        return Optional.of(e.value().request().withRequestUri(requestUri));
    }

    @Override
    public Optional<PushedAuthorizationRequest> consume(String requestUri) {
        Instant now = requests.now();
        PushedAuthorizationRequest[] won = new PushedAuthorizationRequest[1];
        requests.compute(key(requestUri), (k, old) -> {
            if (old == null || !old.liveAt(now)) {
                return null;
            }
            if (old.value().consumed()) {
                throw new AlreadyConsumedException("pushed authorization request already used (replay)");
            }
            won[0] = old.value().request();
            return new ExpiringMap.Entry<>(new Par(old.value().request(), true), old.expiresAt());
        });
        return Optional.ofNullable(won[0]).map(r -> r.withRequestUri(requestUri));
    }
}
