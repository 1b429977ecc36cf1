package org.oidcstore.store.jpa.internal.store;

import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.entity.PushedAuthRequestEntity;
import org.oidcstore.store.jpa.internal.gc.Sweep;
import org.oidcstore.store.jpa.internal.row.PushedAuthRequestRow;
import org.oidcstore.store.jpa.internal.runtime.Sql;
import org.oidcstore.store.jpa.internal.runtime.StoreContext;
import org.oidcstore.store.jpa.internal.runtime.Times;
import org.oidcstore.store.jpa.internal.runtime.TxRunner;
import org.oidcstore.store.spi.Arguments;
import org.oidcstore.store.spi.Expiry;

/**
 * Pushed authorization requests on {@code oidc_pushed_auth_request}, by request-URI digest. A
 * consumed request keeps its row (the replay marker) until {@code expiresAt + CONSUME_GRACE}, when
 * GC may delete it; until then its URI can be neither reused nor consumed again. A request URI is
 * looked up by all its digests (one per configured pepper) in one statement; a URI that could
 * never have been stored is absent without a statement.
 */
public final class JpaPushedAuthorizationRequestStore implements PushedAuthorizationRequestStore {
    private static final String NAME = "pushed-authorization-requests";
    private static final StoreKind KIND = StoreKind.PUSHED_AUTHORIZATION_REQUESTS;
    /** What the GC deletes: a consumed request is replay evidence until {@code expiresAt + CONSUME_GRACE}. */
    public static final Sweep SWEEP = new Sweep(KIND, "oidc_pushed_auth_request", "request_uri_digest",
            "expires_at <= ?1", "expires_at <= ?1", CONSUME_GRACE);

    private final TxRunner tx;
    private final StoreContext ctx;
    private final String select;
    private final String consume;

    public JpaPushedAuthorizationRequestStore(StoreParts parts) {
        this.tx = parts.tx();
        this.ctx = parts.ctx();
        String byDigest = Sql.jpqlDigestIn("r.requestUriDigest", ctx.digestCount());
        this.select = "SELECT r FROM PushedAuthRequestEntity r WHERE " + byDigest;
        this.consume = "UPDATE PushedAuthRequestEntity r SET r.consumedAt = :now WHERE " + byDigest
                + " AND r.consumedAt IS NULL AND r.expiresAt > :cutoff";
    }

    @Override
    public void save(PushedAuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        String digest = ctx.digest(KIND, request.requestUri());
        PushedAuthRequestRow row = PushedAuthRequestRow.of(request, digest);
        tx.sql(NAME, "save", c -> Sql.insert(c, PushedAuthRequestRow.INSERT, row::bind));
    }

    @Override
    public Optional<PushedAuthorizationRequest> find(String requestUri) {
        Objects.requireNonNull(requestUri, "requestUri");
        if (!Arguments.isStorableId(requestUri)) {
            return Optional.empty(); // never stored, and its digest may be a look-alike's
        }
        List<String> digests = ctx.digests(KIND, requestUri);
        Instant now = ctx.now();
        return tx.run(NAME, "find", em -> row(Sql.digests(em.createQuery(select, PushedAuthRequestEntity.class),
                digests))
                .filter(e -> ctx.matches(KIND, requestUri, e.digest()) && !e.consumed()
                        && Expiry.isLive(e.expiresAt(), now))
                .map(e -> e.toRecord(requestUri)));
    }

    private static Optional<PushedAuthRequestRow> row(TypedQuery<PushedAuthRequestEntity> q) {
        return q.getResultList().stream().findFirst().map(PushedAuthRequestEntity::row);
    }

    /**
     * Single use by one conditional UPDATE (as for codes), with the expiry test moved back by
     * {@link #CONSUME_GRACE}: a login that started in time completes, and past the grace the
     * request is gone, consumed or not.
     */
    @Override
    public Optional<PushedAuthorizationRequest> consume(String requestUri) {
        Objects.requireNonNull(requestUri, "requestUri");
        if (!Arguments.isStorableId(requestUri)) {
            return Optional.empty();
        }
        List<String> digests = ctx.digests(KIND, requestUri);
        Instant at = ctx.now();
        LocalDateTime now = Times.db(at);
        Instant graceCutoff = at.minus(CONSUME_GRACE);
        // lost to a transaction on another database node: a replay when the request is now consumed
        tx.claim(() -> tx.run(NAME, "consume", em -> row(Sql.digests(em.createQuery(select,
                PushedAuthRequestEntity.class), digests))
                .filter(e -> e.consumed() && ctx.matches(KIND, requestUri, e.digest()))
                .map(e -> (RuntimeException) new AlreadyConsumedException(
                        "pushed authorization request used by a concurrent transaction (replay)"))
                .orElse(null)));
        return tx.run(NAME, "consume", em -> {
            boolean won = Sql.digests(em.createQuery(consume), digests).setParameter("now", now)
                    .setParameter("cutoff", Times.db(graceCutoff)).executeUpdate() > 0;
            TypedQuery<PushedAuthRequestEntity> read = Sql.digests(em.createQuery(select,
                    PushedAuthRequestEntity.class), digests);
            PushedAuthRequestRow e = row(won ? read : read.setLockMode(LockModeType.PESSIMISTIC_WRITE)).orElse(null);
            if (e == null || !ctx.matches(KIND, requestUri, e.digest())
                    || Expiry.isExpired(e.expiresAt(), graceCutoff)) {
                return Optional.<PushedAuthorizationRequest>empty();
            }
            if (won) {
                return Optional.of(e.toRecord(requestUri));
            }
            if (e.consumed()) {
                throw new AlreadyConsumedException("pushed authorization request already used (replay)");
            }
            throw new ConflictException("pushed authorization request changed concurrently; retry");
        });
    }
}
