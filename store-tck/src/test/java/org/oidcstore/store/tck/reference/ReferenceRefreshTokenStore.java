package org.oidcstore.store.tck.reference;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.RefreshRetryResponses;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;
import org.oidcstore.store.tck.reference.ReferenceData.Table;

/**
 * Refresh-token chains keyed by digest. Each row links to its parent's and its chain root's keys
 * (the keys the parent and root were found under, never digests recomputed under a newer pepper),
 * so a chain is one root key and a parent has a successor when a row names it as parent.
 *
 * <p>Rotation grace: the retry response is kept on the parent's row (sealed again, bound to that
 * row's key), so it goes wherever the row goes (reclaimed, erased) and is written by the same
 * atomic step that inserts the successor.
 */
final class ReferenceRefreshTokenStore implements RefreshRetryResponses, ReferenceSubstore {
    private static final StoreKind KIND = StoreKind.REFRESH_TOKENS;

    /**
     * A stored token (its value replaced by its digest), its parent's key (null for a root), its
     * root's key and, once it was rotated with one, its successor's retry response (sealed) and
     * when that retention ends (never after the token's expiry).
     */
    record Link(RefreshToken token, String parent, String root, byte[] retry, Instant retainUntil) {
        Link(RefreshToken token, String parent, String root) {
            this(token, parent, root, null, null);
        }

        Link with(RefreshToken changed) {
            return new Link(changed, parent, root, retry, retainUntil);
        }
    }

    private static final Table<Link> TOKENS = new Table<>(KIND.configName());

    private final ReferenceParts parts;
    private final ReferenceData data;

    ReferenceRefreshTokenStore(ReferenceParts parts) {
        this.parts = parts;
        this.data = parts.data();
    }

    @Override
    public void save(RefreshToken token, String parentToken) {
        checkNew(token, parentToken);
        data.run(() -> insert(data.rows(TOKENS), token, parentToken));
    }

    @Override
    public void saveWithRetryResponse(RefreshToken successor, String parentToken, byte[] sealedResponse,
            Instant retainUntil) {
        Instant until = Arguments.retryResponse(parentToken, sealedResponse, retainUntil);
        checkNew(successor, parentToken);
        byte[] response = sealedResponse.clone();
        data.run(() -> {
            Map<String, Link> rows = data.rows(TOKENS);
            String parentKey = insert(rows, successor, parentToken);
            Link parent = rows.get(parentKey);
            Instant capped = until.isBefore(parent.token().expiresAt()) ? until : parent.token().expiresAt();
            rows.put(parentKey, new Link(parent.token(), parent.parent(), parent.root(),
                    parts.digest().sealBytes(KIND, response, parentKey), capped));
        });
    }

    private static void checkNew(RefreshToken token, String parentToken) {
        Objects.requireNonNull(token, "token");
        if (token.isConsumed() || token.revoked()) {
            throw new IllegalArgumentException("a newly issued refresh token must be neither consumed nor revoked");
        }
        if (parentToken != null) {
            Arguments.id(parentToken, "parentToken"); // names no token that could exist
        }
    }

    /** Inserts {@code token} after every check of {@code save}; the parent's key, or {@code null} for a root. */
    private String insert(Map<String, Link> rows, RefreshToken token, String parentToken) {
        String parentKey = parentToken == null ? null : parts.keyOf(rows, KIND, parentToken);
        Link parent = parentToken == null ? null : checkedParent(rows, parentKey, parentToken, token);
        if (parts.keyOf(rows, KIND, token.token()) != null) {
            throw new DuplicateRecordException("a refresh token with this value exists");
        }
        String key = parts.digest().digest(KIND, token.token());
        rows.put(key, new Link(token.withToken(key), parentKey, parent == null ? key : parent.root()));
        return parentKey;
    }

    /**
     * Served while the parent is live and retained, its successor live, unconsumed and unrevoked,
     * and no member of the chain revoked; a response no listed pepper opens is no response.
     */
    @Override
    public Optional<byte[]> findRetryResponse(String parentToken) {
        Objects.requireNonNull(parentToken, "parentToken");
        return data.call(() -> {
            Map<String, Link> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, parentToken);
            Link parent = key == null ? null : rows.get(key);
            Instant now = parts.now();
            if (parent == null || parent.retry() == null || parent.token().isExpiredAt(now)
                    || Expiry.isExpired(parent.retainUntil(), now)) {
                return Optional.empty();
            }
            Link child = rows.values().stream().filter(l -> key.equals(l.parent())).findFirst().orElse(null);
            if (child == null || child.token().isExpiredAt(now) || child.token().isConsumed()
                    || rows.values().stream().anyMatch(l -> l.root().equals(parent.root()) && l.token().revoked())) {
                return Optional.empty();
            }
            return parts.digest().unsealBytes(KIND, parent.retry(), key);
        });
    }

    /** The parent a successor may be saved under, or the exception {@code save} documents. */
    private Link checkedParent(Map<String, Link> rows, String parentKey, String parentToken, RefreshToken child) {
        Link parent = parentKey == null ? null : rows.get(parentKey);
        if (parent == null || parent.token().isExpiredAt(parts.now())) {
            throw new IllegalArgumentException("the parent refresh token is unknown or expired");
        }
        RefreshToken presented = parent.token().withToken(parentToken);
        if (parent.token().revoked()) {
            throw new AlreadyConsumedException("the parent refresh token is revoked; its successor is not issued",
                    presented);
        }
        if (!parent.token().isConsumed()) {
            throw new IllegalArgumentException("the parent refresh token is not consumed; consume it first");
        }
        if (!parent.token().clientId().equals(child.clientId()) || !parent.token().grantId().equals(child.grantId())) {
            throw new IllegalArgumentException("a rotated refresh token must keep its parent's client and grant");
        }
        if (!parent.token().scopes().containsAll(child.scopes())) {
            throw new IllegalArgumentException("a rotated refresh token must not widen its parent's scopes");
        }
        if (rows.values().stream().anyMatch(l -> parentKey.equals(l.parent()))) {
            throw new AlreadyConsumedException("the parent refresh token already has a successor (it was rotated"
                    + " before); a second one is not issued", presented);
        }
        return parent;
    }

    @Override
    public Optional<RefreshToken> find(String token) {
        Objects.requireNonNull(token, "token");
        return data.call(() -> {
            Map<String, Link> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, token);
            RefreshToken stored = key == null ? null : rows.get(key).token();
            return stored == null || stored.isExpiredAt(parts.now()) ? Optional.empty()
                    : Optional.of(stored.withToken(token));
        });
    }

    @Override
    public Optional<RefreshToken> consume(String token) {
        Objects.requireNonNull(token, "token");
        return data.call(() -> {
            Map<String, Link> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, token);
            Link link = key == null ? null : rows.get(key);
            Instant now = parts.now();
            if (link == null || link.token().isExpiredAt(now)) {
                return Optional.empty(); // expired beats consumed and revoked
            }
            if (link.token().isConsumed() || link.token().revoked()) {
                throw new AlreadyConsumedException("refresh token already used or revoked (replay); revoke its grant",
                        link.token().withToken(token));
            }
            RefreshToken consumed = link.token().withConsumedAt(now);
            rows.put(key, link.with(consumed));
            return Optional.of(consumed.withToken(token));
        });
    }

    /** Reaches every member of the chain, expired ones included. */
    @Override
    public int revokeChain(String token) {
        Objects.requireNonNull(token, "token");
        return data.call(() -> {
            Map<String, Link> rows = data.rows(TOKENS);
            String key = parts.keyOf(rows, KIND, token);
            if (key == null) {
                return 0;
            }
            String root = rows.get(key).root();
            return revokeWhere(rows, l -> l.root().equals(root));
        });
    }

    @Override
    public int revokeByGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return data.call(() -> revokeWhere(data.rows(TOKENS), l -> l.token().grantId().equals(grantId)));
    }

    @Override
    public int revokeByClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return data.call(() -> revokeWhere(data.rows(TOKENS), l -> l.token().clientId().equals(clientId)));
    }

    /** Revokes every unrevoked row that {@code which}; how many it revoked. */
    private static int revokeWhere(Map<String, Link> rows, Predicate<Link> which) {
        int revoked = 0;
        for (Map.Entry<String, Link> e : rows.entrySet()) {
            Link l = e.getValue();
            if (which.test(l) && !l.token().revoked()) {
                e.setValue(l.with(l.token().toBuilder().revoked(true).build()));
                revoked++;
            }
        }
        return revoked;
    }

    /** Every record of the subject, expired ones included, counted. */
    @Override
    public int eraseSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return data.erase(TOKENS, r -> subject.equals(r.token().subject()), r -> true);
    }

    /**
     * As the JPA tier's GC: an expired token goes once no token of its grant is live (so revoking a
     * chain from an expired member still reaches live descendants), its retry response with it.
     */
    @Override
    public void reclaim(Instant now) {
        Map<String, Link> rows = data.rows(TOKENS);
        java.util.Set<String> liveGrants = new java.util.HashSet<>();
        rows.values().stream().filter(l -> !l.token().isExpiredAt(now)).forEach(l -> liveGrants.add(l.token().grantId()));
        rows.values().removeIf(l -> l.token().isExpiredAt(now) && !liveGrants.contains(l.token().grantId()));
    }

    @Override
    public long held() {
        return data.call(() -> (long) data.rows(TOKENS).size());
    }
}
