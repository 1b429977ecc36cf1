package org.oidcstore.store.jpa.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import org.oidcstore.store.AlreadyConsumedException;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.jpa.internal.Dialect;
import org.oidcstore.store.jpa.internal.Jpa;
import org.oidcstore.store.jpa.internal.JpaExceptions;
import org.oidcstore.store.jpa.internal.Sql;
import org.oidcstore.store.jpa.internal.Times;

/**
 * JWT-ID replay markers on {@code oidc_consumed_jti}, by digest.
 *
 * <p>A mark wins when it inserts the marker or replaces an expired one, decided in the engine:
 * <ul>
 *   <li>PostgreSQL: one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expires_at <= now}; its
 *       row count is 1 exactly when it inserted or replaced, 0 when a live marker stands.</li>
 *   <li>MariaDB and H2: {@code UPDATE ... WHERE expires_at <= now} (replace an expired marker;
 *       concurrent replacers serialize on the row lock and re-check), else {@code INSERT}, whose
 *       duplicate-key error means a live marker exists or a concurrent mark inserted it first.
 *       The update comes first because InnoDB's duplicate check leaves shared locks that would
 *       make two "insert, then update" racers deadlock. Under REPEATABLE READ the update's gap
 *       lock can still deadlock two racers on a fresh id; the Java SE pool runs READ COMMITTED,
 *       and a deadlock in an own transaction is retried. The statements run over plain JDBC so
 *       the expected duplicate-key error does not doom the caller's transaction.</li>
 * </ul>
 */
public final class JpaConsumedJwtIdStore implements ConsumedJwtIdStore {
    private static final String NAME = "consumed-jwt-ids";
    private static final StoreKind KIND = StoreKind.CONSUMED_JWT_IDS;

    private final Jpa jpa;

    public JpaConsumedJwtIdStore(Jpa jpa) {
        this.jpa = jpa;
    }

    @Override
    public void mark(String jti, Instant expiresAt) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        String digest = jpa.digest(KIND, jti);
        Instant nowInstant = jpa.now();
        if (!expiresAt.isAfter(nowInstant)) {
            throw new IllegalArgumentException("a JWT-ID marker must expire after the store clock's instant");
        }
        LocalDateTime now = Times.db(nowInstant);
        LocalDateTime exp = Times.db(Times.floor(expiresAt));
        boolean won;
        if (jpa.dialect() == Dialect.POSTGRESQL) {
            won = jpa.tx(NAME, "mark", em -> Sql.update(em, "INSERT INTO oidc_consumed_jti (jti_digest, expires_at)"
                    + " VALUES (?, ?) ON CONFLICT (jti_digest) DO UPDATE SET expires_at = EXCLUDED.expires_at"
                    + " WHERE oidc_consumed_jti.expires_at <= ?", digest, exp, now) == 1);
        } else {
            won = jpa.tx(NAME, "mark", em -> {
                try {
                    return jpa.jdbc(c -> markUpdateThenInsert(c, digest, exp, now));
                } catch (SQLException e) {
                    throw JpaExceptions.translate(NAME, "mark", e);
                }
            });
        }
        if (!won) {
            throw new AlreadyConsumedException("JWT ID already used (replay)");
        }
    }

    private static boolean markUpdateThenInsert(Connection c, String digest, LocalDateTime exp, LocalDateTime now)
            throws SQLException {
        if (Sql.update(c, "UPDATE oidc_consumed_jti SET expires_at = ? WHERE jti_digest = ? AND expires_at <= ?",
                exp, digest, now) == 1) {
            return true;
        }
        try {
            return Sql.update(c, "INSERT INTO oidc_consumed_jti (jti_digest, expires_at) VALUES (?, ?)", digest, exp)
                    == 1;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean isMarked(String jti) {
        String digest = jpa.digest(KIND, jti);
        LocalDateTime now = jpa.dbNow();
        return jpa.tx(NAME, "isMarked", em -> !em.createNativeQuery(
                        "SELECT jti_digest FROM oidc_consumed_jti WHERE jti_digest = ? AND expires_at > ?")
                .setParameter(1, digest).setParameter(2, now).getResultList().isEmpty());
    }
}
