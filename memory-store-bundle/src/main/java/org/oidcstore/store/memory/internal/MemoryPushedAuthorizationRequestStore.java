package org.oidcstore.store.memory.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.ValueSize;

/**
 * Pushed requests keyed by the digest of their request URI. An entry lives until
 * {@code expiresAt + CONSUME_GRACE}; consuming it turns it into a consumed marker with the same
 * lifetime, so a replay is told apart from a request that never existed.
 *
 * <p>Under a pepper list, writes use the newest pepper's digest and lookups try the digests in
 * order, stopping at the first key that holds an entry: the single-use decision is then taken in
 * that key's atomic section.
 */
final class MemoryPushedAuthorizationRequestStore implements PushedAuthorizationRequestStore {

    /** The stored request (its URI replaced by the digest) and whether it was used. */
    record Par(PushedAuthorizationRequest request, boolean consumed) {
    }

    private final ExpiringMap<Par> requests;
    private final SecretDigest digest;
    private final int maxValueBytes;

    static MemoryPushedAuthorizationRequestStore of(MemoryParts p) {
        return new MemoryPushedAuthorizationRequestStore(p.map(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, null),
                p.shared().digest(), p.settings().maxValueBytes());
    }

    MemoryPushedAuthorizationRequestStore(ExpiringMap<Par> requests, SecretDigest digest, int maxValueBytes) {
        this.requests = requests;
        this.digest = digest;
        this.maxValueBytes = maxValueBytes;
    }

    private List<String> keys(String requestUri) {
        return digest.digests(StoreKind.PUSHED_AUTHORIZATION_REQUESTS, requestUri);
    }

    @Override
    public void save(PushedAuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        ValueSize.check(ValueSize.of(request), maxValueBytes, StoreKind.PUSHED_AUTHORIZATION_REQUESTS.configName(),
                MemorySettings.MAX_VALUE_BYTES_KEY);
        Instant now = requests.now();
        List<String> keys = keys(request.requestUri());
        String key = keys.get(0);
        requests.compute(key, (k, old) -> {
            if (old != null && old.liveAt(now) || existsUnderOlderPepper(keys, now)) {
                throw new DuplicateRecordException("a pushed authorization request with this request URI exists");
            }
            return new ExpiringMap.Entry<>(new Par(request.withRequestUri(key), false),
                    request.expiresAt().plus(CONSUME_GRACE));
        });
    }

    /** A read of the other keys inside the newest key's atomic section: a plain get, never a nested one. */
    private boolean existsUnderOlderPepper(List<String> keys, Instant now) {
        for (int i = 1; i < keys.size(); i++) {
            ExpiringMap.Entry<Par> e = requests.getAny(keys.get(i));
            if (e != null && e.liveAt(now)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<PushedAuthorizationRequest> find(String requestUri) {
        if (!Arguments.isStorableId(Objects.requireNonNull(requestUri, "requestUri"))) {
            return Optional.empty(); // save refuses it, so it was never stored
        }
        Instant now = requests.now();
        for (String key : keys(requestUri)) {
            ExpiringMap.Entry<Par> e = requests.getLive(key, now);
            if (e != null) {
                Par p = e.value();
                return p.consumed() || p.request().isExpiredAt(now) ? Optional.empty()
                        : Optional.of(p.request().withRequestUri(requestUri));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<PushedAuthorizationRequest> consume(String requestUri) {
        if (!Arguments.isStorableId(Objects.requireNonNull(requestUri, "requestUri"))) {
            return Optional.empty();
        }
        Instant now = requests.now();
        for (String key : keys(requestUri)) {
            boolean[] found = new boolean[1];
            PushedAuthorizationRequest[] won = new PushedAuthorizationRequest[1];
            requests.compute(key, (k, old) -> {
                if (old == null) {
                    return null;
                }
                found[0] = true;
                if (!old.liveAt(now)) {
                    return null; // past the grace: reclaim it, it is gone for every operation
                }
                if (old.value().consumed()) {
                    throw new AlreadyConsumedException("pushed authorization request already used (replay)");
                }
                won[0] = old.value().request();
                return new ExpiringMap.Entry<>(new Par(old.value().request(), true), old.expiresAt());
            });
            if (found[0]) {
                return Optional.ofNullable(won[0]).map(r -> r.withRequestUri(requestUri));
            }
        }
        return Optional.empty();
    }
}
