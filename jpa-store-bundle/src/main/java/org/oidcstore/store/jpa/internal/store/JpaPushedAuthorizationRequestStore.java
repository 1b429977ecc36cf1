package org.oidcstore.store.jpa.internal.store;

import jakarta.persistence.LockModeType;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.PushedAuthorizationRequest;
import org.oidcstore.store.PushedAuthorizationRequestStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.Jpa;
import org.oidcstore.store.jpa.internal.Sql;
import org.oidcstore.store.jpa.internal.Times;
import org.oidcstore.store.jpa.internal.entity.PushedAuthRequestEntity;

/**
 * Pushed authorization requests on {@code oidc_pushed_auth_request}, by request-URI digest. A
 * consumed request keeps its row (the replay marker) until {@code expiresAt + CONSUME_GRACE}, when
 * GC may delete it; until then its URI can be neither reused nor consumed again.
 */
public final class JpaPushedAuthorizationRequestStore implements PushedAuthorizationRequestStore {
    private static final String NAME = "pushed-authorization-requests";
    private static final StoreKind KIND = StoreKind.PUSHED_AUTHORIZATION_REQUESTS;

    private final Jpa jpa;

    public JpaPushedAuthorizationRequestStore(Jpa jpa) {
        this.jpa = jpa;
    }

    @Override
    public void save(PushedAuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        String digest = jpa.digest(KIND, request.requestUri());
        PushedAuthRequestEntity row = PushedAuthRequestEntity.of(request, digest);
        jpa.sql(NAME, "save", c -> Sql.insert(c, PushedAuthRequestEntity.INSERT, row::bind));
    }

    @Override
    public Optional<PushedAuthorizationRequest> find(String requestUri) {
        String digest = jpa.digest(KIND, requestUri);
        LocalDateTime now = jpa.dbNow();
        return jpa.tx(NAME, "find", em -> Optional.ofNullable(em.find(PushedAuthRequestEntity.class, digest))
                .filter(e -> jpa.matches(KIND, requestUri, e.digest()) && !e.consumed() && e.expiresAt().isAfter(now))
                .map(e -> e.toRecord(requestUri)));
    }

    /**
     * Single use by one conditional UPDATE (as for codes), with the expiry test moved back by
     * {@link #CONSUME_GRACE}: a login that started in time completes, and past the grace the
     * request is gone, consumed or not.
     */
    @Override
    public Optional<PushedAuthorizationRequest> consume(String requestUri) {
        String digest = jpa.digest(KIND, requestUri);
        LocalDateTime now = jpa.dbNow();
        LocalDateTime graceCutoff = Times.db(jpa.now().minus(CONSUME_GRACE));
        return jpa.tx(NAME, "consume", em -> {
            int won = em.createQuery("UPDATE PushedAuthRequestEntity r SET r.consumedAt = :now"
                            + " WHERE r.requestUriDigest = :digest AND r.consumedAt IS NULL AND r.expiresAt > :cutoff")
                    .setParameter("now", now).setParameter("digest", digest).setParameter("cutoff", graceCutoff)
                    .executeUpdate();
            PushedAuthRequestEntity e = won == 1 ? em.find(PushedAuthRequestEntity.class, digest)
                    : em.find(PushedAuthRequestEntity.class, digest, LockModeType.PESSIMISTIC_WRITE);
            if (e == null || !jpa.matches(KIND, requestUri, e.digest()) || !e.expiresAt().isAfter(graceCutoff)) {
                return Optional.<PushedAuthorizationRequest>empty();
            }
            if (won == 1) {
                return Optional.of(e.toRecord(requestUri));
            }
            if (e.consumed()) {
                throw new AlreadyConsumedException("pushed authorization request already used (replay)");
            }
            throw new ConflictException("pushed authorization request changed concurrently; retry");
        });
    }
}
