package org.oidcstore.store.jpa.internal.store;

import jakarta.persistence.LockModeType;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.AuthorizationCodeStore;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.Jpa;
import org.oidcstore.store.jpa.internal.entity.AuthorizationCodeEntity;

/** Authorization codes on {@code oidc_authorization_code}, by digest. */
public final class JpaAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final String NAME = "authorization-codes";
    private static final StoreKind KIND = StoreKind.AUTHORIZATION_CODES;

    private final Jpa jpa;

    public JpaAuthorizationCodeStore(Jpa jpa) {
        this.jpa = jpa;
    }

    @Override
    public void save(AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        if (code.consumedAt() != null) {
            throw new IllegalArgumentException("a newly issued authorization code must not be consumed");
        }
        String digest = jpa.digest(KIND, code.code());
        jpa.tx(NAME, "save", em -> {
            em.persist(AuthorizationCodeEntity.of(code, digest));
            em.flush();
            return null;
        });
    }

    @Override
    public Optional<AuthorizationCode> find(String code) {
        String digest = jpa.digest(KIND, code);
        LocalDateTime now = jpa.dbNow();
        return jpa.tx(NAME, "find", em -> Optional.ofNullable(em.find(AuthorizationCodeEntity.class, digest))
                .filter(e -> jpa.matches(KIND, code, e.digest()) && e.liveAt(now))
                .map(e -> e.toRecord(code)));
    }

    /**
     * One conditional UPDATE decides the winner inside the engine: concurrent callers block on the
     * row lock and re-evaluate the condition after the winner commits, so exactly one sees a row
     * count of 1. The losers then read the row with a lock, i.e. its latest committed version
     * (whatever snapshot the caller's transaction holds), to tell expired from consumed.
     */
    @Override
    public Optional<AuthorizationCode> consume(String code) {
        String digest = jpa.digest(KIND, code);
        LocalDateTime now = jpa.dbNow();
        return jpa.tx(NAME, "consume", em -> {
            int won = em.createQuery("UPDATE AuthorizationCodeEntity c SET c.consumedAt = :now"
                            + " WHERE c.codeDigest = :digest AND c.consumedAt IS NULL AND c.expiresAt > :now")
                    .setParameter("now", now).setParameter("digest", digest).executeUpdate();
            AuthorizationCodeEntity e = won == 1 ? em.find(AuthorizationCodeEntity.class, digest)
                    : em.find(AuthorizationCodeEntity.class, digest, LockModeType.PESSIMISTIC_WRITE);
            if (e == null || !jpa.matches(KIND, code, e.digest()) || !e.liveAt(now)) {
                return Optional.<AuthorizationCode>empty();
            }
            if (won == 1) {
                return Optional.of(e.toRecord(code));
            }
            if (e.consumed()) {
                throw new AlreadyConsumedException("authorization code already redeemed (replay); revoke its grant",
                        e.toRecord(code));
            }
            throw new ConflictException("authorization code changed concurrently; retry");
        });
    }
}
